package dev.voicegate.audiohook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Linux scheduler autogroup niceness of this process's session ({@code /proc/self/autogroup}). On a
 * shared machine, where every engineer's session is its own autogroup, this is what decides the
 * CPU share of a benchmark; plain {@code nice} only orders threads inside the session. The setting
 * outlives the process (it belongs to the session), so callers restore it with {@link #restore()}.
 */
final class Priority {

    private static final Path AUTOGROUP = Path.of("/proc/self/autogroup");
    private static int previous;
    private static boolean changed;

    private Priority() {
    }

    /** Sets the autogroup nice value; 0 leaves it alone. A failure is reported, not fatal. */
    static synchronized void setAutogroupNice(int nice) {
        if (nice == 0) {
            return;
        }
        try {
            previous = parseNice(Files.readString(AUTOGROUP));
            Files.writeString(AUTOGROUP, Integer.toString(nice));
            changed = true;
            System.err.println("bench: " + Files.readString(AUTOGROUP).trim() + " (was " + previous + ")");
        } catch (IOException | RuntimeException e) {
            System.err.println("bench: cannot set autogroup nice " + nice + " (" + e.getMessage() + "), running at 0");
        }
    }

    /** Puts back the value {@link #setAutogroupNice} replaced, if it replaced one. */
    static synchronized void restore() {
        if (!changed) {
            return;
        }
        try {
            Files.writeString(AUTOGROUP, Integer.toString(previous));
            changed = false;
        } catch (IOException e) {
            System.err.println("bench: cannot restore autogroup nice " + previous + ": " + e.getMessage());
        }
    }

    /** The nice value of a {@code /proc/PID/autogroup} line such as {@code /autogroup-22 nice 0}. */
    static int parseNice(String line) {
        String[] words = line.trim().split("\\s+");
        if (words.length != 3 || !"nice".equals(words[1])) {
            throw new IllegalArgumentException("autogroup: \"" + line.trim() + "\" (expected: /autogroup-N nice V)");
        }
        return Integer.parseInt(words[2]);
    }
}

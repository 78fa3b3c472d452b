package dev.voicegate.core.demo;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The demo's live story: one line per event, {@code [+12.3s] TAG        conv-1a2b3c  text}, written
 * to the console. Thread-safe (lines never interleave).
 */
public final class DemoLog {
    private final PrintStream out;
    private final LongSupplier ticker;
    private final long startNanos;

    public DemoLog(PrintStream out, LongSupplier ticker) {
        this.out = out;
        this.ticker = ticker;
        this.startNanos = ticker.getAsLong();
    }

    /** One event line; {@code conversationId} may be null. */
    public void line(String tag, String conversationId, String text) {
        double t = (ticker.getAsLong() - startNanos) / 1e9;
        String line = String.format(Locale.ROOT, "[+%5.1fs] %-12s %-12s %s", t, tag,
                conversationId == null ? "" : "conv-" + shortId(conversationId), text);
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** Plain text (headers, the summary). */
    public void text(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

    /** The first 6 characters of an id: enough to tell the demo's calls apart. */
    public static String shortId(String id) {
        return id.length() <= 6 ? id : id.substring(0, 6);
    }
}

package dev.voicegate.audiohook.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BenchServerMain} in a child JVM with its own {@code -Xmx}, driven over its stdin/stdout.
 * The child stops by itself when this process dies (stdin closes) or after its time limit;
 * {@link #close()} asks it to quit and kills it if it does not within 10 s.
 */
final class ServerProcess implements Target {

    private static final long ANSWER_TIMEOUT_SECONDS = 60;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> answers = new ArrayBlockingQueue<>(16);
    private final int port;

    private ServerProcess(Process process) throws IOException, InterruptedException {
        this.process = process;
        this.stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread pump = new Thread(this::pumpStdout, "bench-server-stdout");
        pump.setDaemon(true);
        pump.start();
        String first = answer();
        if (!first.startsWith("port=")) {
            throw new IOException("bench server: unexpected first line \"" + first + "\" (expected: port=N)");
        }
        this.port = Integer.parseInt(first.substring("port=".length()));
    }

    /**
     * Starts the server JVM.
     *
     * @param xmx        the child's {@code -Xmx}, e.g. {@code 512m}
     * @param ioThreads  server I/O threads (0 = Netty's default)
     * @param resume     listener decision: resume at once, else start paused
     * @param jfrFile    a JFR recording to write (profile settings), or null
     * @param maxSeconds the child halts itself after this long
     * @param priority   nice value of the child's scheduler autogroup (0 = leave it; negative needs root)
     */
    static ServerProcess start(String xmx, int ioThreads, boolean resume, Path jfrFile, long maxSeconds, int priority)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // Its own session, hence its own scheduler autogroup on Linux: the server's CPU share does not
            // depend on how busy the load generator is (as for a server on its own machine).
            cmd.add(SETSID.toString());
        }
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx" + xmx);
        if (jfrFile != null) {
            cmd.add("-XX:StartFlightRecording=filename=" + jfrFile + ",settings=profile,dumponexit=true");
        }
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(BenchServerMain.class.getName());
        cmd.add(Integer.toString(ioThreads));
        cmd.add(resume ? "resume" : "paused");
        cmd.add(Long.toString(maxSeconds));
        cmd.add(Integer.toString(priority));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            return new ServerProcess(p);
        } catch (IOException | RuntimeException | InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public java.net.URI uri() {
        return java.net.URI.create("ws://127.0.0.1:" + port + dev.voicegate.audiohook.config.AudioHookServerConfig.DEFAULT_PATH);
    }

    @Override
    public String describe() {
        return "server JVM pid " + pid() + " on 127.0.0.1:" + port;
    }

    @Override
    public KeyValues stats() throws IOException, InterruptedException {
        return KeyValues.parse(ask("stats"));
    }

    /** Full GC in the server JVM, then its stats. */
    @Override
    public KeyValues statsAfterGc() throws IOException, InterruptedException {
        return KeyValues.parse(ask("gc"));
    }

    private synchronized String ask(String command) throws IOException, InterruptedException {
        stdin.write(command + "\n");
        stdin.flush();
        return answer();
    }

    private String answer() throws IOException, InterruptedException {
        String line = answers.poll(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (line == null) {
            throw new IOException("bench server: no answer within " + ANSWER_TIMEOUT_SECONDS + " s (alive: "
                    + process.isAlive() + ")");
        }
        return line;
    }

    /** Forwards the child's log lines to stderr and queues its answers. */
    private void pumpStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(BenchServerMain.PREFIX)) {
                    answers.put(line.substring(BenchServerMain.PREFIX.length()));
                } else {
                    System.err.println("[server] " + line);
                }
            }
        } catch (IOException e) {
            System.err.println("[server] stdout closed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            stdin.write("quit\n");
            stdin.close();
        } catch (IOException e) {
            System.err.println("[server] cannot send quit: " + e.getMessage());
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                System.err.println("[server] did not quit within 10 s, killing pid " + process.pid());
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The class path of this tool: the URLs of the class loader that loaded it (under
     * {@code exec:java} that is the plugin's loader, not {@code java.class.path}), else
     * {@code java.class.path}.
     */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        // Only the defining loader: its parents may be Maven's own realms.
        if (ServerProcess.class.getClassLoader() instanceof URLClassLoader u) {
            for (URL url : u.getURLs()) {
                if ("file".equals(url.getProtocol())) {
                    entries.add(new File(java.net.URI.create(url.toString())).getPath());
                }
            }
        }
        if (entries.isEmpty()) {
            return System.getProperty("java.class.path");
        }
        return String.join(File.pathSeparator, entries);
    }
}

package dev.voicegate.core.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged jar run as a separate process ({@code java -jar target/voicegate.jar ARGS}), as a user
 * runs it: its output is collected line by line, and the ports it reports at start are read back.
 */
final class ServeProcess implements AutoCloseable {
    private static final Pattern STARTED = Pattern.compile(
            "AudioHook on [^:]+:(\\d+)\\S* \\(gating.mode (open|gated)\\), admin on [^:]+:(\\d+)");

    final Process process;
    private final CopyOnWriteArrayList<String> output = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final CompletableFuture<Matcher> started = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private ServeProcess(List<String> args, Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", // as the launcher and the image run it (x-vector kernel)
                "-jar", Path.of("target", "voicegate.jar").toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("VOICEGATE_"));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        process = pb.start();
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    Matcher m = STARTED.matcher(line);
                    if (m.find()) {
                        started.complete(m);
                    }
                }
                started.completeExceptionally(new IllegalStateException("process ended before starting:\n" + output()));
            } catch (IOException e) {
                started.completeExceptionally(e);
            } finally {
                ended.complete(null);
            }
        }, "serve-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ServeProcess run(List<String> args, Map<String, String> env) throws IOException {
        return new ServeProcess(args, env);
    }

    /** Waits for the start-up line; fails with the process output if it exits first. */
    ServeProcess awaitStarted() throws Exception {
        started.get(90, TimeUnit.SECONDS);
        return this;
    }

    int audiohookPort() {
        return Integer.parseInt(started.join().group(1));
    }

    int adminPort() {
        return Integer.parseInt(started.join().group(3));
    }

    /** GET on the admin port. */
    HttpResponse<String> admin(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits for the process to exit by itself; returns its exit code. */
    int awaitExit() throws Exception {
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            throw new IllegalStateException("still running:\n" + output());
        }
        ended.get(10, TimeUnit.SECONDS);
        return process.exitValue();
    }

    /** SIGTERM, then waits for the exit. */
    int terminate() throws Exception {
        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of the output pipe
        return awaitExit();
    }

    String output() {
        return String.join("\n", output);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}

package dev.voicegate.core.cli;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code voicegate admin export|audit|erase --biokey KEY --token-file FILE [--url URL]}: a data-subject
 * request against a running gateway's admin API (the JDK HTTP client). The token is read from a file, never
 * from the command line (where {@code ps} would show it). Prints the JSON answer; exit 0 on 2xx, 1 otherwise,
 * 2 on bad usage.
 */
final class AdminCommand {
    static final String SUMMARY = "data-subject requests to a running gateway:"
            + " admin export|audit|erase --biokey KEY --token-file FILE [--url http://127.0.0.1:9090]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AdminCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !(args[0].equals("export") || args[0].equals("audit") || args[0].equals("erase"))) {
            throw new Commands.UsageException("expected an action: export, audit or erase (" + SUMMARY + ")");
        }
        String action = args[0];
        String url = "http://127.0.0.1:9090";
        String biokey = null;
        Path tokenFile = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length && (a.equals("--url") || a.equals("--biokey") || a.equals("--token-file"))) {
                throw new Commands.UsageException(a + " needs a value");
            }
            switch (a) {
                case "--url" -> url = args[++i];
                case "--biokey" -> biokey = args[++i];
                case "--token-file" -> tokenFile = Path.of(args[++i]);
                default -> throw new Commands.UsageException("unexpected argument '" + a
                        + "' (expected: --biokey KEY, --token-file FILE, --url URL)");
            }
        }
        if (biokey == null || biokey.isBlank()) {
            throw new Commands.UsageException("--biokey is required (e.g. --biokey phone:+35315550123)");
        }
        if (tokenFile == null) {
            throw new Commands.UsageException("--token-file is required (a file holding the gateway's admin.token)");
        }
        String token;
        try {
            token = Files.readString(tokenFile).strip();
        } catch (IOException e) {
            throw new Commands.UsageException("--token-file " + tokenFile + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        if (token.isEmpty()) {
            throw new Commands.UsageException("--token-file " + tokenFile + ": empty (expected: the gateway's admin.token)");
        }
        URI target;
        try {
            target = URI.create(url.replaceAll("/+$", "") + "/api/v1/admin/subjects/" + action);
            if (target.getScheme() == null || !(target.getScheme().equals("http") || target.getScheme().equals("https"))) {
                throw new IllegalArgumentException("not http(s)");
            }
        } catch (IllegalArgumentException e) {
            throw new Commands.UsageException("--url " + url + ": not a valid http(s) URL (expected e.g. http://127.0.0.1:9090)");
        }
        try {
            String body = JSON.writeValueAsString(Map.of("biokey", biokey.strip()));
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) {
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(r.body())));
                return Commands.OK;
            }
            err.println("voicegate admin " + action + ": " + r.statusCode() + " " + r.body());
            return Commands.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("voicegate admin " + action + ": interrupted");
            return Commands.FAILED;
        } catch (IOException e) {
            err.println("voicegate admin " + action + ": " + target + ": " + e);
            return Commands.FAILED;
        }
    }
}

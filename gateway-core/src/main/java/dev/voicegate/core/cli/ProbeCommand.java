package dev.voicegate.core.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code voicegate probe [--url URL]}: exits 0 when the URL (default: the local {@code /readyz})
 * answers 2xx within 2 s, else 1. Used by the container health check, which has no curl.
 */
final class ProbeCommand {
    private ProbeCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String url = "http://127.0.0.1:9090/readyz";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--url") && i + 1 < args.length) {
                url = args[++i];
            } else {
                throw new Commands.UsageException("unexpected argument '" + args[i] + "' (expected: --url URL)");
            }
        }
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            out.println(r.statusCode() + " " + r.body());
            return r.statusCode() / 100 == 2 ? Commands.OK : Commands.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("probe " + url + ": interrupted");
            return Commands.FAILED;
        } catch (Exception e) {
            err.println("probe " + url + ": " + e);
            return Commands.FAILED;
        }
    }
}

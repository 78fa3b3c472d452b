package dev.voicegate.audiohook.auth.bench;

import dev.voicegate.audiohook.auth.ApiKeyConfig;
import dev.voicegate.audiohook.auth.AuthConfig;
import dev.voicegate.audiohook.auth.AuthOutcome;
import dev.voicegate.audiohook.auth.RequestAuthenticator;
import dev.voicegate.audiohook.auth.RequestSigner;
import dev.voicegate.audiohook.auth.UpgradeRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Cost of {@link RequestAuthenticator#authenticate} per request on the paths an upgrade can take, to
 * show that authenticating on the event loop is cheap. A main-class benchmark, not a test:
 * <pre>
 * mvn -B -q -o -pl audiohook-server test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.voicegate.audiohook.auth.bench.AuthBench
 * </pre>
 * Prints the median wall time and the median thread CPU time per request of 7 rounds of 20,000 requests
 * after 8 warm-up rounds. Single-threaded. CPU time is the figure to trust on a shared, loaded machine.
 */
public final class AuthBench {

    private static final String KEY = "SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh";
    private static final String SECRET = "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=";
    private static final String OTHER_SECRET = "c2Vjb25kIHNlY3JldCwgMzIgYnl0ZXMgbG9uZyEhIQ==";
    private static final int PER_ROUND = 20_000;
    private static final int WARM_UP_ROUNDS = 8;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_790_000_000L), ZoneOffset.UTC);

    private AuthBench() {
    }

    public static void main(String[] args) {
        System.out.printf("%-34s %12s %12s%n", "path", "wall ns/op", "cpu ns/op");
        run("VERIFIED (sign + replay cache)", i -> signed(KEY, SECRET));
        run("FAILED (wrong secret)", i -> signed(KEY, OTHER_SECRET));
        run("FAILED (unknown key, decoy HMAC)", i -> signed("unknown-key", SECRET));
        run("UNSIGNED accepted (empty secret)", i -> unsigned("open-key"));
        run("INVALID (unparsable header)", i -> withHeader(unsigned(KEY), "signature-input", "sig1=(\"x\""));
    }

    private static void run(String name, Function<Integer, UpgradeRequest> requests) {
        List<UpgradeRequest> batch = new ArrayList<>(PER_ROUND);
        for (int i = 0; i < PER_ROUND; i++) {
            batch.add(requests.apply(i));
        }
        long[] rounds = new long[7];
        long[] cpuRounds = new long[rounds.length];
        int sink = 0;
        for (int r = -WARM_UP_ROUNDS; r < rounds.length; r++) {
            RequestAuthenticator authenticator = new RequestAuthenticator(AuthConfig.of(List.of(
                    new ApiKeyConfig(KEY, SECRET), new ApiKeyConfig("open-key", ""))), CLOCK);
            long start = System.nanoTime();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            for (UpgradeRequest request : batch) {
                AuthOutcome outcome = authenticator.authenticate(request);
                sink += outcome.accepted() ? 1 : 0;
            }
            long perOp = (System.nanoTime() - start) / PER_ROUND;
            long cpuPerOp = (THREADS.getCurrentThreadCpuTime() - cpuStart) / PER_ROUND;
            if (r >= 0) {
                rounds[r] = perOp;
                cpuRounds[r] = cpuPerOp;
            }
        }
        Arrays.sort(rounds);
        Arrays.sort(cpuRounds);
        System.out.printf("%-34s %12d %12d   (accepted %d)%n", name, rounds[rounds.length / 2],
                cpuRounds[cpuRounds.length / 2], sink / (WARM_UP_ROUNDS + rounds.length));
    }

    private static UpgradeRequest signed(String key, String secret) {
        String session = UUID.randomUUID().toString();
        Map<String, List<String>> headers = headers(key, session);
        RequestSigner.sign("/api/v1/audiohook/ws", "gw.example.com", headers.get("audiohook-organization-id").get(0),
                session, headers.get("audiohook-correlation-id").get(0), key, secret, CLOCK)
                .forEach((name, value) -> headers.put(name, List.of(value)));
        return new UpgradeRequest("GET", "/api/v1/audiohook/ws", "gw.example.com", headers);
    }

    private static UpgradeRequest unsigned(String key) {
        return new UpgradeRequest("GET", "/api/v1/audiohook/ws", "gw.example.com",
                headers(key, UUID.randomUUID().toString()));
    }

    private static UpgradeRequest withHeader(UpgradeRequest request, String name, String value) {
        Map<String, List<String>> headers = new HashMap<>(request.headers());
        headers.put(name, List.of(value));
        return new UpgradeRequest(request.method(), request.requestTarget(), request.authority(), headers);
    }

    private static Map<String, List<String>> headers(String key, String session) {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("host", List.of("gw.example.com"));
        headers.put("audiohook-organization-id", List.of("d7934305-0972-4844-938e-9060eef73d05"));
        headers.put("audiohook-session-id", List.of(session));
        headers.put("audiohook-correlation-id", List.of(UUID.randomUUID().toString()));
        headers.put("x-api-key", List.of(key));
        return headers;
    }
}

package dev.voicegate.audiohook.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Manual probe (not a test) of issue 11's slow-reader finding: {@code clients} connections that ping
 * as fast as they can and never read, reconnecting whenever the server closes them, for {@code seconds};
 * prints the process RSS and heap every 5 s and the slow-consumer closes. Default server limits.
 *
 * <p>Run: see the module README ("Limits that protect the public port").
 */
public final class SlowReaderProbe {

    private SlowReaderProbe() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        try (ServerFixture f = new ServerFixture()) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (int i = 0; i < clients; i++) {
                Thread t = new Thread(() -> pingForever(f, end), "slow-reader-" + i);
                t.setDaemon(true);
                t.start();
            }
            System.out.printf("t=0s %s%n", memory());
            for (int t = 5; t <= seconds; t += 5) {
                TimeUnit.SECONDS.sleep(5);
                System.out.printf("t=%ds %s slowCloses=%.0f pongsDropped=%.0f%n", t, memory(),
                        f.counter("voicegate.audiohook.slow.closes"),
                        f.counter("voicegate.audiohook.outbound.dropped", "type", "pong"));
            }
        }
    }

    private static void pingForever(ServerFixture f, long end) {
        while (System.nanoTime() < end) {
            String sid = UUID.randomUUID().toString();
            try (RawSocket s = RawSocket.connect(f.server.port(), null, 4096)) {
                s.write(RawSocket.upgradeRequest(ServerFixture.PATH, sid,
                        Map.of("Audiohook-Organization-Id", ServerFixture.ORG, "X-API-KEY", "unsigned-key")));
                s.readStatus();
                for (long seq = 1; System.nanoTime() < end; seq++) {
                    s.frame(true, 0, RawSocket.TEXT, ("{\"version\":\"2\",\"id\":\"" + sid + "\",\"type\":\"ping\",\"seq\":"
                            + seq + ",\"serverseq\":0,\"position\":\"PT0S\",\"parameters\":{}}")
                            .getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException closed) {
                // closed as a slow consumer: reconnect
            }
        }
    }

    private static String memory() throws IOException {
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .findFirst().orElse("VmRSS: ?").replaceAll("\\s+", " ");
        Runtime r = Runtime.getRuntime();
        return rss + " heapUsed=" + (r.totalMemory() - r.freeMemory()) / (1 << 20) + "MB";
    }
}

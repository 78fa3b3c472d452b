package dev.voicegate.core.bench;

import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.AudioSource;
import dev.voicegate.audiohook.netty.Transports;
import io.netty.channel.EventLoopGroup;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The client side of {@link AgentScaleBench}, run in a child JVM so the gateway's heap is measured
 * alone: {@code agents <agentPort> <tokenFile>} connects one agent-app WebSocket per token line;
 * {@code calls <audiohookPort> <conversationFile>} opens one AudioHook stream per line (silence).
 * Prints one {@code READY …} line, then holds the connections until stdin closes.
 */
public final class ClientFleet {
    /** Silence without end and without a buffer (stateless, so one instance serves every caller). */
    private static final AudioSource SILENCE = (ext, intl, samples) -> {
        java.util.Arrays.fill(ext, 0, samples, (short) 0);
        java.util.Arrays.fill(intl, 0, samples, (short) 0);
        return samples;
    };

    private ClientFleet() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        List<String> lines = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8);
        Runnable release;
        if (args[0].equals("agents")) {
            release = agents(port, lines);
        } else if (args[0].equals("calls")) {
            release = calls(port, lines);
        } else {
            throw new IllegalArgumentException("mode: " + args[0] + " (expected: agents|calls)");
        }
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().forEach(l -> { });
        release.run();
        System.exit(0);
    }

    private static Runnable agents(int port, List<String> tokens) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Semaphore inFlight = new Semaphore(64); // like a burst of browsers, not one SYN flood
        long[] connect = new long[tokens.size()];
        List<AgentClient> clients = new ArrayList<>();
        List<CompletableFuture<Long>> ready = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < tokens.size(); i++) {
            inFlight.acquire();
            long t0 = System.nanoTime();
            AgentClient c = new AgentClient(http, port, tokens.get(i));
            clients.add(c);
            int idx = i;
            ready.add(c.snapshot.whenComplete((at, e) -> {
                inFlight.release();
                if (at != null) {
                    connect[idx] = at - t0;
                }
            }));
        }
        int failed = 0;
        for (CompletableFuture<Long> f : ready) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                failed++;
            }
        }
        long wall = System.nanoTime() - start;
        System.out.printf(Locale.ROOT, "READY %d connected, %d failed, all in %.0f ms; upgrade->snapshot per client %s%n",
                tokens.size() - failed, failed, wall / 1e6, new Percentiles(connect, connect.length).summaryMillis());
        return () -> clients.forEach(AgentClient::abort);
    }

    private static int awaitOpened(List<AudioHookClient> batch) {
        int failed = 0;
        for (AudioHookClient c : batch) {
            try {
                c.opened().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                failed++;
            }
        }
        return failed;
    }

    private static Runnable calls(int port, List<String> conversations) throws Exception {
        EventLoopGroup group = Transports.group(2, "fleet-callers");
        List<AudioHookClient> callers = new ArrayList<>();
        long start = System.nanoTime();
        int failed = 0;
        for (int i = 0; i < conversations.size(); i++) {
            // endless silence, generated on the fly: the stream stays open for the whole measurement
            callers.add(AudioHookClient.connect(BenchGateway.callerConfig(port, conversations.get(i), SILENCE, 1), group));
            if (i % 25 == 24 || i == conversations.size() - 1) { // batches of 25: a ramp, not one burst
                failed += awaitOpened(callers.subList(i - i % 25, i + 1));
            }
        }
        System.out.printf(Locale.ROOT, "READY %d opened, %d failed, in %.0f ms%n", callers.size() - failed, failed,
                (System.nanoTime() - start) / 1e6);
        return () -> {
            callers.forEach(AudioHookClient::abort);
            group.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        };
    }
}

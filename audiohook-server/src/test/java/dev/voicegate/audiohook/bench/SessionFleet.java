package dev.voicegate.audiohook.bench;

import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.AudioHookClientConfig;
import dev.voicegate.audiohook.client.HandshakeRejectedException;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Many {@link AudioHookClient} sessions on one shared client {@link EventLoopGroup}: opened at a fixed
 * rate, each timing {@code open} → {@code opened} on the client (from the moment {@code open} is
 * written to the moment {@code opened} is decoded), streaming a shared looping tone at real time when
 * resumed, pinging like Genesys. Methods are called from one driver thread.
 */
final class SessionFleet implements AutoCloseable {

    /** One session and its open timing (written on its event loop, read after {@link #awaitOpened}). */
    private static final class Tracked {
        final AudioHookClient client;
        volatile long openSentNanos = -1;
        volatile long openedNanos = -1;
        final boolean raced;

        Tracked(AudioHookClient client, LongSupplier ticker) {
            this.client = client;
            // connected() completes on the event loop just before `open` is written; registering after
            // it completed would time from here instead, so such a session is left out of the figures.
            this.raced = client.connected().isDone();
            client.connected().thenRun(() -> openSentNanos = ticker.getAsLong());
            client.opened().thenRun(() -> openedNanos = ticker.getAsLong());
        }
    }

    private final Endpoint endpoint;
    private final EventLoopGroup group;
    private final LongSupplier ticker;
    private final Duration pingInterval;
    private final long streamSamples;
    private final short[][] loop = LoopingAudioSource.toneLoop();
    private final List<Tracked> sessions = new ArrayList<>();

    /**
     * @param streamSeconds how long each session can stream before its source ends (longer than the run)
     */
    SessionFleet(Endpoint endpoint, EventLoopGroup group, LongSupplier ticker, Duration pingInterval, long streamSeconds) {
        this.endpoint = endpoint;
        this.group = group;
        this.ticker = ticker;
        this.pingInterval = pingInterval;
        this.streamSamples = streamSeconds * 8000;
    }

    int size() {
        return sessions.size();
    }

    /** Opens {@code n} sessions, one every {@code 1/perSecond} s on a fixed schedule (no catch-up burst is skipped). */
    void ramp(int n, double perSecond) {
        long start = ticker.getAsLong();
        double gapNanos = 1e9 / perSecond;
        for (int i = 0; i < n; i++) {
            long due = start + Math.round(i * gapNanos);
            for (long wait = due - ticker.getAsLong(); wait > 0; wait = due - ticker.getAsLong()) {
                LockSupport.parkNanos(wait);
            }
            sessions.add(new Tracked(AudioHookClient.connect(config(), group), ticker));
        }
    }

    private AudioHookClientConfig config() {
        return AudioHookClientConfig.builder(endpoint.uri()).organizationId(endpoint.organizationId())
                .credentials(endpoint.apiKey(), endpoint.secret()).tls(endpoint.tls())
                .source(new LoopingAudioSource(loop[0], loop[1], streamSamples)).speed(1.0)
                .closeAtEndOfSource(false).pings(Duration.ofSeconds(1), pingInterval)
                .ticker(ticker).build();
    }

    /** Waits until every session has {@code opened} or failed; returns how many are opened. */
    int awaitOpened(Duration timeout) throws InterruptedException {
        long deadline = ticker.getAsLong() + timeout.toNanos();
        int ok = 0;
        for (Tracked t : sessions) {
            if (await(t.client.opened(), deadline)) {
                ok++;
            }
        }
        return ok;
    }

    private boolean await(CompletableFuture<?> f, long deadline) throws InterruptedException {
        try {
            f.get(Math.max(0, deadline - ticker.getAsLong()), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Client-side {@code open} → {@code opened} of every opened session, nanoseconds. */
    Percentiles openLatencies() {
        return openLatencies(0);
    }

    /** Client-side {@code open} → {@code opened} of the opened sessions from the {@code from}-th on. */
    Percentiles openLatencies(int from) {
        return new Percentiles(sessions.subList(Math.min(from, sessions.size()), sessions.size()).stream()
                .filter(t -> !t.raced && t.openSentNanos >= 0 && t.openedNanos >= 0)
                .mapToLong(t -> t.openedNanos - t.openSentNanos).toArray());
    }

    /** How many RTTs each session has recorded so far: a mark for {@link #rttsSince}. */
    int[] rttMarks() {
        return sessions.stream().mapToInt(t -> t.client.rtts().size()).toArray();
    }

    /** Ping round-trip times recorded after {@code marks}, nanoseconds. */
    Percentiles rttsSince(int[] marks) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            List<Duration> rtts = sessions.get(i).client.rtts();
            int from = i < marks.length ? marks[i] : 0;
            for (int j = from; j < rtts.size(); j++) {
                out.add(rtts.get(j).toNanos());
            }
        }
        return new Percentiles(out.stream().mapToLong(Long::longValue).toArray());
    }

    /** Failed sessions by cause: {@code http-503}, {@code disconnect-error}, exception class, … */
    Map<String, Integer> failures() {
        Map<String, Integer> out = new TreeMap<>();
        for (Tracked t : sessions) {
            String cause = failure(t.client);
            if (cause != null) {
                out.merge(cause, 1, Integer::sum);
            }
        }
        return out;
    }

    private static String failure(AudioHookClient c) {
        if (c.disconnectReceived().isDone() && !c.disconnectReceived().isCompletedExceptionally()) {
            return "disconnect-" + c.disconnectReceived().join().reason();
        }
        if (!c.opened().isCompletedExceptionally()) {
            return c.opened().isDone() ? null : "no-opened-yet";
        }
        Throwable cause = c.connected().isCompletedExceptionally() ? cause(c.connected()) : cause(c.opened());
        return cause instanceof HandshakeRejectedException h ? "http-" + h.status() : cause.getClass().getSimpleName();
    }

    private static Throwable cause(CompletableFuture<?> f) {
        try {
            f.join();
            return new IllegalStateException("not failed");
        } catch (RuntimeException e) {
            return e.getCause() == null ? e : e.getCause();
        }
    }

    /** Protocol errors the clients saw in the server's behaviour (total), and the first one. */
    String protocolErrors() {
        List<String> all = sessions.stream().flatMap(t -> t.client.protocolErrors().stream()).toList();
        return all.isEmpty() ? "0" : all.size() + " (first: " + all.get(0) + ")";
    }

    /** {@code close{end}} on every session, then waits for the sockets; aborts the rest at the timeout. */
    @Override
    public void close() {
        for (Tracked t : sessions) {
            if (t.client.opened().isDone() && !t.client.opened().isCompletedExceptionally()) {
                t.client.close();
            } else {
                t.client.abort();
            }
        }
        long deadline = ticker.getAsLong() + TimeUnit.SECONDS.toNanos(30);
        int unclean = 0;
        for (Tracked t : sessions) {
            boolean closed;
            try {
                closed = !Thread.currentThread().isInterrupted() && await(t.client.socketClosed(), deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();     // abort the rest at once, keep the interrupt
                closed = false;
            }
            if (!closed) {
                unclean++;
                t.client.abort();
            }
        }
        if (unclean > 0) {
            System.err.println("load: " + unclean + " session(s) not closed within 30 s, aborted");
        }
    }
}

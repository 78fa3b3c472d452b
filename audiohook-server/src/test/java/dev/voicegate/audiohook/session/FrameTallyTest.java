package dev.voicegate.audiohook.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicegate.audiohook.api.CloseReason;
import dev.voicegate.audiohook.protocol.ClientParameters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class FrameTallyTest {

    private static double count(SimpleMeterRegistry r, String name, String kind) {
        var c = r.find(name).tag("kind", kind).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void publishesToTheSharedCountersOnlyEveryBatchAndExactlyAtFlush() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FrameTally tally = new FrameTally(new AudioHookMetrics(registry));
        for (int i = 0; i < FrameTally.BATCH - 1; i++) {
            tally.audio(3200);
        }
        assertThat(count(registry, "voicegate.audiohook.frames", "audio")).isZero();
        tally.audio(100);
        assertThat(count(registry, "voicegate.audiohook.frames", "audio")).isEqualTo(FrameTally.BATCH);
        assertThat(count(registry, "voicegate.audiohook.bytes", "audio")).isEqualTo((FrameTally.BATCH - 1) * 3200 + 100);
        tally.text(17);
        tally.audio(8);
        tally.flush();
        tally.flush();      // nothing new: publishes nothing twice
        assertThat(count(registry, "voicegate.audiohook.frames", "audio")).isEqualTo(FrameTally.BATCH + 1);
        assertThat(count(registry, "voicegate.audiohook.bytes", "audio")).isEqualTo((FrameTally.BATCH - 1) * 3200 + 108);
        assertThat(count(registry, "voicegate.audiohook.frames", "text")).isEqualTo(1);
        assertThat(count(registry, "voicegate.audiohook.bytes", "text")).isEqualTo(17);
    }

    @Test
    void sessionTotalsAreExactWhenTheListenerHearsOfTheCloseAndWhenTheSocketEnds() {
        SessionHarness h = new SessionHarness();
        double[] atClose = new double[2];
        h.onCloseAction = s -> {
            atClose[0] = h.counter("voicegate.audiohook.frames", "kind", "audio");
            atClose[1] = h.counter("voicegate.audiohook.bytes", "kind", "audio");
        };
        h.open();
        int frames = 2 * FrameTally.BATCH + 7;
        long bytes = 0;
        for (int i = 0; i < frames; i++) {
            int size = i % 3 == 0 ? 1600 : 3200;
            h.audio(size);
            bytes += size;
        }
        assertThat(h.counter("voicegate.audiohook.frames", "kind", "audio")).isLessThan(frames);
        h.send(new ClientParameters.Ping(null));
        h.close();
        assertThat(atClose).containsExactly(frames, bytes);
        assertThat(h.counter("voicegate.audiohook.frames", "kind", "text")).isEqualTo(3);   // open, ping, close
        h.audio(3200);      // in flight after `closed`: dropped, still a received frame
        h.session.onConnectionClosed(CloseReason.Kind.CONNECTION_LOST, "socket closed");
        assertThat(h.counter("voicegate.audiohook.frames", "kind", "audio")).isEqualTo(frames + 1);
        assertThat(h.counter("voicegate.audiohook.bytes", "kind", "audio")).isEqualTo(bytes + 3200);
    }
}

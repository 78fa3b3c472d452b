package dev.voicegate.core.soak;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak tool ({@link Soak}) for a bounded time in {@code mvn verify}: 15 s of warm-up, then 60 s of
 * churn (AudioHook sessions, agent sockets, Genesys faults, store writes), then the drained figures.
 * Fails on any Netty leak report, on clients or gateway sessions that do not drain, and on growth
 * from the drained baseline to the drained end beyond {@link Soak.Limits#DEFAULT}: threads +20, open
 * file descriptors +50, heap after full GC +64 MiB. Over the 75 s the churn opens ~250 sessions, ~150
 * agent sockets, ~19 faults and ~300 store writes, so one leaked thread or descriptor per session or
 * connection, or ~250 KiB per session, crosses a bound; a drained gateway's noise is a few threads,
 * fds and MiB. RSS is reported, not bounded: the JVM keeps heap it has grown into (-Xmx2g).
 * Wall time ≈ 2 min on a loaded 2-core machine.
 */
class SoakIT {
    @Test
    void aShortSoakLeaksNothingAndStaysWithinTheGrowthBounds() throws Exception {
        Soak.Report r = Soak.run(Duration.ofSeconds(15), Duration.ofSeconds(60), System.out);
        r.print(System.out);
        List<String> failures = r.failures(Soak.Limits.DEFAULT);
        assertThat(failures).isEmpty();
        // the churn did happen (a soak that churned nothing would pass the bounds)
        assertThat(r.counts().getOrDefault("call.opened", 0L) + r.counts().getOrDefault("call.openedPaused", 0L)).isGreaterThan(40);
        assertThat(r.counts().getOrDefault("call.resumed", 0L)).isGreaterThan(10);
        assertThat(r.counts().getOrDefault("agent.connected", 0L)).isGreaterThan(30);
        assertThat(r.counts().getOrDefault("fault", 0L)).isGreaterThanOrEqualTo(10);
        // the channel-expiry fault is recovered from (the channel re-created and subscribed) every time
        assertThat(r.counts().getOrDefault("channel.recreated.n", 0L)).isGreaterThanOrEqualTo(1);
        assertThat(r.counts().getOrDefault("channel.notRecreatedWithin120s", 0L)).isZero();
        assertThat(r.counts().getOrDefault("store.enrolled", 0L)).isGreaterThan(30);
    }

    @Test
    void durationsAreParsedStrictly() {
        assertThat(Soak.parseDuration("--duration", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Soak.parseDuration("--duration", "10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Soak.parseDuration("--duration", "1h")).isEqualTo(Duration.ofHours(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Soak.parseDuration("--duration", "1 hour"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--duration: '1 hour'");
    }
}

package dev.voicegate.audiohook.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.testing.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonceReplayCacheTest {

    private static final Instant T0 = Instant.ofEpochSecond(1_790_000_000L);

    private final ManualClock clock = new ManualClock(T0);

    @Test
    void aNonceIsAReplayUntilItsValidityEnds() {
        NonceReplayCache cache = new NonceReplayCache(10, clock);
        Instant validUntil = T0.plusSeconds(10);

        assertThat(cache.recordFirstUse("k", "n", validUntil)).isTrue();
        assertThat(cache.recordFirstUse("k", "n", validUntil)).isFalse();
        clock.set(validUntil);
        assertThat(cache.recordFirstUse("k", "n", validUntil)).as("still valid at its last instant").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.recordFirstUse("k", "n", validUntil.plusSeconds(10))).as("expired entry is forgotten").isTrue();
        assertThat(cache.expiredEvictions()).isEqualTo(1);
    }

    @Test
    void keysAndNoncesAreDistinctDimensions() {
        NonceReplayCache cache = new NonceReplayCache(10, clock);

        assertThat(cache.recordFirstUse("k1", "n", T0.plusSeconds(10))).isTrue();
        assertThat(cache.recordFirstUse("k2", "n", T0.plusSeconds(10))).isTrue();
        assertThat(cache.recordFirstUse("k1", "n2", T0.plusSeconds(10))).isTrue();
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void expiredEntriesAreDroppedOldestFirstWhenNewOnesArrive() {
        NonceReplayCache cache = new NonceReplayCache(10, clock);
        cache.recordFirstUse("k", "a", T0.plusSeconds(1));
        cache.recordFirstUse("k", "b", T0.plusSeconds(2));
        cache.recordFirstUse("k", "c", T0.plusSeconds(30));

        clock.advance(Duration.ofSeconds(5));
        cache.recordFirstUse("k", "d", T0.plusSeconds(40));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.expiredEvictions()).isEqualTo(2);
        assertThat(cache.liveEvictions()).isZero();
    }

    @Test
    void atCapacityTheOldestEntryIsEvictedAndCounted() {
        NonceReplayCache cache = new NonceReplayCache(2, clock);
        cache.recordFirstUse("k", "a", T0.plusSeconds(10));
        cache.recordFirstUse("k", "b", T0.plusSeconds(10));

        assertThat(cache.recordFirstUse("k", "c", T0.plusSeconds(10))).isTrue();

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.liveEvictions()).isEqualTo(1);
        assertThat(cache.recordFirstUse("k", "b", T0.plusSeconds(10))).as("newer entries survive").isFalse();
        assertThat(cache.recordFirstUse("k", "a", T0.plusSeconds(10))).as("the evicted one is forgotten").isTrue();
    }

    @Test
    void concurrentFirstUsesOfOneNonceLetExactlyOneThrough() throws Exception {
        NonceReplayCache cache = new NonceReplayCache(1_000, clock);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger firsts = new AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    if (cache.recordFirstUse("k", "same", T0.plusSeconds(10))) {
                        firsts.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(firsts).hasValue(1);
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new NonceReplayCache(0, clock)).hasMessage("capacity: 0 (expected: > 0)");
    }
}

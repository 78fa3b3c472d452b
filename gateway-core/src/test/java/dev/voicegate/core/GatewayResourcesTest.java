package dev.voicegate.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class GatewayResourcesTest {
    private static final GatewayResources.Settings SETTINGS = new GatewayResources.Settings(2, 2, 10);

    @Test
    void closeEndsEveryThreadItStarted() throws Exception {
        GatewayResources r = GatewayResources.create(SETTINGS, Gateway.Time.system());
        List<Thread> used = List.of(
                CompletableFuture.supplyAsync(Thread::currentThread, r.blocking()).get(10, TimeUnit.SECONDS),
                r.scheduler().schedule(Thread::currentThread, 1, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS),
                r.workers().submit(Thread::currentThread).get(10, TimeUnit.SECONDS),
                r.acceptors().submit(Thread::currentThread).get(10, TimeUnit.SECONDS));
        assertThat(used).extracting(Thread::getName).satisfiesExactly(
                n -> assertThat(n).startsWith(GatewayResources.BLOCKING_THREADS + "-"),
                n -> assertThat(n).startsWith(GatewayResources.SCHEDULER_THREAD + "-"),
                n -> assertThat(n).startsWith(GatewayResources.IO_THREADS + "-"),
                n -> assertThat(n).startsWith(GatewayResources.ACCEPT_THREADS + "-"));

        r.close();

        for (Thread t : used) {
            t.join(10_000);
        }
        assertThat(used).noneMatch(Thread::isAlive);
        assertThatThrownBy(() -> r.scheduler().schedule(() -> { }, 1, TimeUnit.SECONDS))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(r.workers().isTerminated()).isTrue();
        assertThat(r.acceptors().isTerminated()).isTrue();
    }

    @Test
    void closesInReverseOrderSoBlockingWorkStillReachesTheLoopsAndTheScheduler() throws Exception {
        GatewayResources r = GatewayResources.create(SETTINGS, Gateway.Time.system());
        CountDownLatch release = new CountDownLatch(1);
        // a blocking task that is still running when close() starts, and then hands results on as components do
        CompletableFuture<String> handedOn = CompletableFuture.supplyAsync(() -> {
            try {
                release.await();
                String onLoop = r.workers().submit(() -> "loop").get(10, TimeUnit.SECONDS);
                String onTimer = r.scheduler().schedule(() -> "timer", 1, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);
                return onLoop + "+" + onTimer;
            } catch (Exception e) {
                return e.toString();
            }
        }, r.blocking());
        Thread closer = new Thread(r::close, "test-closer");
        closer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> r.blocking().isShutdown());
        release.countDown();
        closer.join(30_000);

        assertThat(handedOn.get(10, TimeUnit.SECONDS)).isEqualTo("loop+timer");
        assertThat(closer.isAlive()).isFalse();
        assertThat(r.workers().isTerminated()).isTrue();
    }

    @Test
    void theRetryPolicyUsesTheSharedJitter() {
        GatewayResources r = GatewayResources.create(SETTINGS, Gateway.Time.system(), () -> 0.5);
        try {
            assertThat(r.backoff(Duration.ofSeconds(2), Duration.ofMinutes(5)).delay(3)).isEqualTo(Duration.ofSeconds(6));
            assertThat(r.jitter().getAsDouble()).isEqualTo(0.5);
        } finally {
            r.close();
        }
    }

    @Test
    void refusesSettingsItCannotRun() {
        assertThatThrownBy(() -> new GatewayResources.Settings(-1, 0, 10))
                .hasMessage("resources: ioThreads -1, blockingThreads 0, blockingQueue 10 (expected: >= 0, >= 1, >= 1)");
    }
}

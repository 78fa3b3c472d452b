package dev.voicegate.core.directory;

import dev.voicegate.core.time.Timers;
import dev.voicegate.genesys.api.Backoff;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

class AgentDirectoryTest {
    private final Map<String, List<MemberSource.Member>> groups = new ConcurrentHashMap<>();
    private final Map<String, List<MemberSource.Member>> queues = new ConcurrentHashMap<>();
    private volatile boolean failing;
    private final List<Duration> scheduled = new ArrayList<>();
    private final List<Runnable> pending = new ArrayList<>();
    private final List<String> changes = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final MemberSource source = new MemberSource() {
        @Override
        public CompletionStage<List<Member>> groupMembers(String groupId) {
            return answer(groups.getOrDefault(groupId, List.of()));
        }

        @Override
        public CompletionStage<List<Member>> queueMembers(String queueId) {
            return answer(queues.getOrDefault(queueId, List.of()));
        }

        private CompletionStage<List<Member>> answer(List<Member> m) {
            return failing ? CompletableFuture.failedFuture(new IllegalStateException("503 from Genesys")) : CompletableFuture.completedFuture(m);
        }
    };

    private final Timers timers = (task, delay) -> {
        scheduled.add(delay);
        pending.add(task);
        return () -> pending.remove(task);
    };

    private final AgentDirectory directory = new AgentDirectory(
            new AgentDirectory.Sources(List.of("g1"), List.of("q1"), Duration.ofMinutes(5)), source, timers,
            new Backoff(AgentDirectory.FIRST_RETRY, Duration.ofMinutes(5), () -> 0.0), // jitter 0: the lower end of each step
            (all, added, removed) -> changes.add("all=" + all.size() + " +" + added + " -" + removed), registry);

    private void fireNext() {
        pending.remove(0).run();
    }

    private static MemberSource.Member m(String id) {
        return new MemberSource.Member(id, "Agent " + id);
    }

    @Test
    void unitesGroupAndQueueMembersAndReportsTheDiff() {
        groups.put("g1", List.of(m("a"), m("b")));
        queues.put("q1", List.of(m("b"), m("c")));
        directory.start().toCompletableFuture().join();
        assertThat(directory.agents()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(directory.loaded()).isTrue();
        assertThat(changes).hasSize(1);
        assertThat(scheduled).containsExactly(Duration.ofMinutes(5));
    }

    @Test
    void picksUpAgentsAddedAndRemovedAtRuntime() {
        groups.put("g1", List.of(m("a"), m("b")));
        directory.start().toCompletableFuture().join();
        groups.put("g1", List.of(m("b"), m("d")));
        fireNext();
        assertThat(directory.contains("a")).isFalse();
        assertThat(directory.contains("d")).isTrue();
        assertThat(changes.get(1)).isEqualTo("all=2 +[d] -[a]");
    }

    @Test
    void keepsTheLastGoodDirectoryAndBacksOffWhenASyncFails() {
        groups.put("g1", List.of(m("a")));
        directory.start().toCompletableFuture().join();
        failing = true;
        fireNext();
        fireNext();
        fireNext();
        assertThat(directory.agents()).containsExactly("a");
        assertThat(scheduled).containsExactly(Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(registry.counter("voicegate.directory.syncs", "outcome", "failed").count()).isEqualTo(3);
        failing = false;
        fireNext();
        assertThat(scheduled.get(scheduled.size() - 1)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void reportsNoChangeWhenMembershipIsTheSame() {
        groups.put("g1", List.of(m("a")));
        directory.start().toCompletableFuture().join();
        fireNext();
        assertThat(changes).hasSize(1);
        assertThat(Set.copyOf(directory.agents())).containsExactly("a");
    }

    @Test
    void isNotLoadedUntilASyncSucceeds() {
        failing = true;
        directory.start().toCompletableFuture().join();
        assertThat(directory.loaded()).isFalse();
        assertThat(directory.agents()).isEmpty();
    }
}

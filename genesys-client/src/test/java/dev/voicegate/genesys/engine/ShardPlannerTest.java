package dev.voicegate.genesys.engine;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardPlannerTest {

    private static Set<String> topics(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "t" + i).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Test
    void fifteenHundredTopicsMakeTwoShardsOfAtMostAThousand() {
        List<Set<String>> plan = ShardPlanner.plan(List.of(), topics(0, 1500), 1000, 19);
        assertThat(plan).hasSize(2);
        assertThat(plan.get(0)).hasSize(1000);
        assertThat(plan.get(1)).hasSize(500);
    }

    @Test
    void keptTopicsStayOnTheirShardAndNewOnesFillGaps() {
        List<Set<String>> current = List.of(topics(0, 3), topics(3, 6));
        Set<String> desired = new LinkedHashSet<>(List.of("t0", "t4", "t5", "new1", "new2"));
        List<Set<String>> plan = ShardPlanner.plan(current, desired, 3, 5);
        assertThat(plan.get(0)).containsExactly("t0", "new1", "new2");
        assertThat(plan.get(1)).containsExactly("t4", "t5");
    }

    @Test
    void removedTopicsLeaveAnEmptyShardToClose() {
        List<Set<String>> plan = ShardPlanner.plan(List.of(topics(0, 2), topics(2, 4)), topics(0, 2), 2, 5);
        assertThat(plan.get(1)).isEmpty();
    }

    @Test
    void tooManyTopicsAreRejectedWithTheLimitInTheMessage() {
        assertThatThrownBy(() -> ShardPlanner.plan(List.of(), topics(0, 21), 10, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("monitored agents: 21 (expected: <= 20 = 2 channels of 10 topics)");
    }
}

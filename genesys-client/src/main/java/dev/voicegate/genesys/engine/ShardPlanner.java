package dev.voicegate.genesys.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Assigns topics to channels: a topic stays on its channel while it stays wanted (no churn),
 * new topics fill the channels with room in order, then new channels are added. Pure function.
 */
public final class ShardPlanner {

    private ShardPlanner() {
    }

    /**
     * @param current  topic sets of the existing shards, by index
     * @param desired  every topic wanted now
     * @param perShard topics per channel
     * @param maxShards channels allowed
     * @return the new topic set per shard index (same indexes first; empty sets mean "close it")
     * @throws IllegalArgumentException if {@code desired} needs more than {@code maxShards} channels
     */
    public static List<Set<String>> plan(List<Set<String>> current, Set<String> desired, int perShard, int maxShards) {
        int needed = (desired.size() + perShard - 1) / perShard;
        if (needed > maxShards) {
            throw new IllegalArgumentException("monitored agents: " + desired.size() + " (expected: <= "
                    + (long) maxShards * perShard + " = " + maxShards + " channels of " + perShard + " topics)");
        }
        List<Set<String>> plan = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (Set<String> shard : current) {
            Set<String> kept = new LinkedHashSet<>();
            for (String t : shard) {
                if (desired.contains(t) && placed.add(t)) {
                    kept.add(t);
                }
            }
            plan.add(kept);
        }
        int i = 0;
        for (String t : desired) {
            if (placed.contains(t)) {
                continue;
            }
            while (i < plan.size() && plan.get(i).size() >= perShard) {
                i++;
            }
            if (i == plan.size()) {
                plan.add(new LinkedHashSet<>());
            }
            plan.get(i).add(t);
            placed.add(t);
        }
        if (plan.stream().filter(s -> !s.isEmpty()).count() > maxShards) {
            throw new IllegalArgumentException("monitored agents: " + desired.size()
                    + " do not fit the existing " + maxShards + " channels");
        }
        return plan;
    }
}

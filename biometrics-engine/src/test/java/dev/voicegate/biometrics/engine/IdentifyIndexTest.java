package dev.voicegate.biometrics.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class IdentifyIndexTest {

    private static float[] unit(Random r, int dim) {
        float[] v = new float[dim];
        double sq = 0;
        for (int i = 0; i < dim; i++) {
            v[i] = (float) r.nextGaussian();
            sq += v[i] * v[i];
        }
        for (int i = 0; i < dim; i++) {
            v[i] /= (float) Math.sqrt(sq);
        }
        return v;
    }

    @Test
    void ranksByDotProductAcrossParallelChunks() {
        Random r = new Random(3);
        IdentifyIndex index = new IdentifyIndex(42, 50_000);
        float[][] all = new float[20_000][];
        for (int i = 0; i < all.length; i++) {
            all[i] = unit(r, 42);
            index.put("k" + i, all[i]);
        }
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            float[] q = all[12_345];
            List<IdentifyIndex.Hit> hits = index.search(q, 5, pool);
            assertThat(hits).hasSize(5);
            assertThat(hits.get(0).key()).isEqualTo("k12345");
            assertThat(hits.get(0).raw()).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-5f));
            for (int i = 1; i < hits.size(); i++) {
                assertThat(hits.get(i).raw()).isLessThanOrEqualTo(hits.get(i - 1).raw());
            }
            // Brute-force check of the runner-up.
            float best = -2;
            for (int i = 0; i < all.length; i++) {
                if (i != 12_345) {
                    float dot = 0;
                    for (int d = 0; d < 42; d++) {
                        dot += all[i][d] * q[d];
                    }
                    best = Math.max(best, dot);
                }
            }
            assertThat(hits.get(1).raw()).isCloseTo(best, org.assertj.core.api.Assertions.within(1e-5f));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void removeMovesTheLastRowAndReplaceOverwrites() {
        IdentifyIndex index = new IdentifyIndex(2, 10);
        index.put("a", new float[] {1, 0});
        index.put("b", new float[] {0, 1});
        index.put("c", new float[] {-1, 0});
        assertThat(index.remove("a")).isTrue();
        assertThat(index.remove("a")).isFalse();
        assertThat(index.size()).isEqualTo(2);
        ForkJoinPool pool = ForkJoinPool.commonPool();
        assertThat(index.search(new float[] {-1, 0}, 1, pool).get(0).key()).isEqualTo("c");
        index.put("b", new float[] {-1, 0.1f});
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.search(new float[] {0, 1}, 2, pool)).extracting(IdentifyIndex.Hit::key).containsExactly("b", "c");
    }

    @Test
    void refusesToGrowBeyondItsCapacity() {
        IdentifyIndex index = new IdentifyIndex(2, 1);
        index.put("a", new float[] {1, 0});
        assertThatThrownBy(() -> index.put("b", new float[] {0, 1})).isInstanceOf(IllegalStateException.class)
                .hasMessage("identify index full: 1 voiceprints");
        assertThatThrownBy(() -> index.put("a", new float[] {1})).hasMessage("direction: 1 dims (expected: 2)");
    }
}

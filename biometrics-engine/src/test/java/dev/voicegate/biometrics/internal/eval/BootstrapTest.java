package dev.voicegate.biometrics.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    /** 20 enrolled speakers × 20 tests (one target per test speaker); scores Gaussian with the given separations. */
    private static Object[] trials(double engineSeparation, double baselineSeparation, long seed) {
        Random r = new Random(seed);
        List<Trials.Trial> t = new ArrayList<>();
        List<Double> e = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int a = 0; a < 20; a++) {
            for (int x = 0; x < 20; x++) {
                boolean target = a == x;
                t.add(new Trials.Trial(Path.of("e" + a + ".wav"), Path.of("t" + x + ".wav"), target));
                e.add(r.nextGaussian() + (target ? engineSeparation : 0));
                b.add(r.nextGaussian() + (target ? baselineSeparation : 0));
            }
        }
        return new Object[] {t, e.stream().mapToDouble(Double::doubleValue).toArray(), b.stream().mapToDouble(Double::doubleValue).toArray()};
    }

    @SuppressWarnings("unchecked")
    private static Bootstrap.Result run(Object[] t, int reps, long seed) {
        return Bootstrap.run((List<Trials.Trial>) t[0], (double[]) t[1], (double[]) t[2], reps, seed);
    }

    @SuppressWarnings("unchecked")
    @Test
    void intervalsContainThePointEstimatesAndAreReproducible() {
        Object[] t = trials(3.0, 1.0, 1);
        Bootstrap.Result r = run(t, 500, 42);
        List<Trials.Trial> trials = (List<Trials.Trial>) t[0];
        double[] e = (double[]) t[1];
        double[] b = (double[]) t[2];
        double eer = eer(trials, e);
        double base = eer(trials, b);
        assertThat(r.clusters()).isEqualTo(20);
        assertThat(r.engineEer().contains(eer)).isTrue();
        assertThat(r.baselineEer().contains(base)).isTrue();
        assertThat(r.ratio().contains(eer / base)).isTrue();
        assertThat(r.engineEer().high()).isGreaterThan(r.engineEer().low());
        assertThat(run(t, 500, 42)).isEqualTo(r);
        // A clearly better engine: the whole ratio interval lies below 1.
        assertThat(r.ratio().high()).isLessThan(1);
    }

    @Test
    void perfectlySeparatedScoresHaveAZeroWidthInterval() {
        Object[] t = trials(100, 100, 2);
        Bootstrap.Result r = run(t, 200, 1);
        assertThat(r.engineEer()).isEqualTo(new Bootstrap.Interval(0, 0));
    }

    @SuppressWarnings("unchecked")
    @Test
    void mismatchedInputIsRefused() {
        Object[] t = trials(1, 1, 3);
        assertThatThrownBy(() -> Bootstrap.run((List<Trials.Trial>) t[0], new double[3], (double[]) t[2], 10, 1))
                .hasMessageContaining("one of each per trial");
        assertThatThrownBy(() -> run(t, 0, 1)).hasMessageContaining("at least 1");
    }

    private static double eer(List<Trials.Trial> trials, double[] s) {
        List<Double> tar = new ArrayList<>();
        List<Double> non = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            (trials.get(i).target() ? tar : non).add(s[i]);
        }
        return new DetMetrics(tar.stream().mapToDouble(Double::doubleValue).toArray(),
                non.stream().mapToDouble(Double::doubleValue).toArray()).eer();
    }
}

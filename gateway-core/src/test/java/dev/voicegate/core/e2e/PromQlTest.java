package dev.voicegate.core.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.core.e2e.PromQl.Selector;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The PromQL reader {@link DeploymentKitIT} checks the kit's queries with. */
class PromQlTest {

    @Test
    void readsMetricNamesMatchersAndGroupingThroughFunctionsRangesAndOperators() {
        PromQl.Parsed p = PromQl.parse("sum by (op) (rate(voicegate_store_seconds_sum{outcome=\"ok\", op=~\"get|put\"}[5m]))"
                + " / sum by (op) (rate(voicegate_store_seconds_count[$__rate_interval])) > 0.5 * 1e3");
        assertThat(p.selectors()).containsExactly(
                new Selector("voicegate_store_seconds_sum", Set.of("outcome", "op")),
                new Selector("voicegate_store_seconds_count", Set.of()));
        assertThat(p.grouping()).containsExactly("op");
    }

    @Test
    void readsTrailingClausesVectorMatchingNameMatchersOffsetsAndSubqueries() {
        PromQl.Parsed p = PromQl.parse("max(a_total offset 1h) without (pod) + on (instance) group_left (zone)"
                + " {__name__=\"b_info\", job!='x'} and max_over_time(c[1h:5m]) unless absent(d{l=\"}\"})");
        assertThat(p.selectors()).extracting(Selector::name).containsExactly("a_total", "b_info", "c", "d");
        assertThat(p.selectors().get(1).labels()).containsExactly("job");
        assertThat(p.selectors().get(3).labels()).containsExactly("l");
        assertThat(p.grouping()).containsExactlyInAnyOrder("pod", "instance", "zone");
    }

    @Test
    void histogramQuantileReadsTheBucketSeries() {
        PromQl.Parsed p = PromQl.parse("histogram_quantile(0.99, sum by (le) (rate(x_seconds_bucket[5m])))");
        assertThat(p.selectors()).containsExactly(new Selector("x_seconds_bucket", Set.of()));
        assertThat(p.grouping()).containsExactly("le");
    }

    @Test
    void badExpressionsAreNamed() {
        assertThatThrownBy(() -> PromQl.parse("sum(rat(x[5m]))")).hasMessageContaining("unknown PromQL function 'rat'");
        assertThatThrownBy(() -> PromQl.parse("sum(x")).hasMessageContaining("unbalanced '('");
        assertThatThrownBy(() -> PromQl.parse("x{a=\"1\"")).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> PromQl.parse("x{a==\"1\"}")).hasMessageContaining("expected =, !=, =~ or !~ after 'a'");
        assertThatThrownBy(() -> PromQl.parse("rate(x[5m)")).hasMessageContaining("unclosed '['");
        assertThatThrownBy(() -> PromQl.parse("sum by (a-b) (x)")).hasMessageContaining("'a-b' is not a label name");
    }
}

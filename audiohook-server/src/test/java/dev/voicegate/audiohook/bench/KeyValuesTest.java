package dev.voicegate.audiohook.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyValuesTest {

    @Test
    void formatsAndParsesBackIntegersAndFractions() {
        String line = new KeyValues().put("cpuNanos", 123_456_789_012L).put("openP99Ms", 1.25).put("paused", -1).format();

        assertThat(line).isEqualTo("cpuNanos=123456789012 openP99Ms=1.25 paused=-1");
        KeyValues back = KeyValues.parse(line);
        assertThat(back.get("cpuNanos")).isEqualTo(123_456_789_012d);
        assertThat(back.get("openP99Ms")).isEqualTo(1.25);
        assertThat(back.get("paused")).isEqualTo(-1);
    }

    @Test
    void missingKeyFailsNamingTheKeyUnlessAFallbackIsGiven() {
        KeyValues kv = KeyValues.parse("a=1");

        assertThatThrownBy(() -> kv.get("rssKb")).hasMessageContaining("no rssKb").hasMessageContaining("[a]");
        assertThat(kv.get("rssKb", -1)).isEqualTo(-1);
    }

    @Test
    void malformedPairsAreRejectedWithThePair() {
        assertThatThrownBy(() -> KeyValues.parse("a=1 bye")).hasMessageContaining("\"bye\"");
        assertThatThrownBy(() -> KeyValues.parse("a=x")).hasMessageContaining("\"a=x\"");
        assertThatThrownBy(() -> KeyValues.parse("=3")).hasMessageContaining("\"=3\"");
        assertThatThrownBy(() -> new KeyValues().put("a b", 1)).hasMessageContaining("\"a b\"");
    }

    @Test
    void selectsEntriesByPrefixWithThePrefixRemoved() {
        KeyValues kv = KeyValues.parse("authRejected_EXPIRED=3 authRejected_INVALID=1 other=2");

        assertThat(kv.startingWith("authRejected_")).isEqualTo("EXPIRED=3 INVALID=1");
        assertThat(kv.startingWith("nothing")).isEqualTo("none");
    }
}

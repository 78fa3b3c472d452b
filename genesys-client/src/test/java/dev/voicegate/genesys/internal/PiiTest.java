package dev.voicegate.genesys.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PiiTest {
    @Test
    void keepsSchemeAndLastThreeDigitsOnly() {
        assertThat(Pii.maskAddress("tel:+35315550123")).isEqualTo("tel:+********123");
        assertThat(Pii.maskAddress("+1555")).isEqualTo("+*555");
        assertThat(Pii.maskAddress(null)).isNull();
    }
}

package dev.voicegate.biometrics.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.biometrics.store.KeyNotConfiguredException;
import dev.voicegate.biometrics.store.RecordIntegrityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordCipherTest {

    private static byte[] bytes(int seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private final RecordCipher cipher = new RecordCipher(Map.of("k1", bytes(1, 32), "k2", bytes(2, 32)), "k1",
            new SecureRandom());
    private final byte[] plain = bytes(9, 512);
    private final byte[] aad = RecordCipher.aad("voiceprint", "cust-1", "eng", 1);

    @Test
    void roundTripsUnderTheActiveKeyWithIvAndTagOverhead() {
        RecordCipher.Sealed sealed = cipher.seal(plain, aad);
        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(sealed.blob()).hasSize(plain.length + RecordCipher.OVERHEAD_BYTES);
        assertThat(cipher.open("t#1", "k1", sealed.blob(), aad)).isEqualTo(plain);
    }

    @Test
    void usesAFreshIvPerRecord() {
        byte[] a = cipher.seal(plain, aad).blob();
        byte[] b = cipher.seal(plain, aad).blob();
        assertThat(Arrays.copyOf(a, RecordCipher.IV_BYTES)).isNotEqualTo(Arrays.copyOf(b, RecordCipher.IV_BYTES));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void detectsAFlippedCiphertextBit() {
        byte[] blob = cipher.seal(plain, aad).blob();
        blob[RecordCipher.IV_BYTES + 10] ^= 0x01;
        assertThatThrownBy(() -> cipher.open("voiceprint#7", "k1", blob, aad))
                .isInstanceOf(RecordIntegrityException.class)
                .hasMessageStartingWith("voiceprint#7: authentication failed");
    }

    @Test
    void detectsABlobPresentedForAnotherRecord() {
        byte[] blob = cipher.seal(plain, aad).blob();
        byte[] otherAad = RecordCipher.aad("voiceprint", "cust-2", "eng", 1);
        assertThatThrownBy(() -> cipher.open("voiceprint#8", "k1", blob, otherAad))
                .isInstanceOf(RecordIntegrityException.class);
    }

    @Test
    void keepsWorkingOnTheSameThreadAfterAFailedOpen() {
        RecordCipher.Sealed good = cipher.seal(plain, aad);
        byte[] bad = good.blob().clone();
        bad[bad.length - 1] ^= 1;
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cipher.open("t#1", "k1", bad, aad)).isInstanceOf(RecordIntegrityException.class);
            assertThat(cipher.open("t#1", "k1", good.blob(), aad)).isEqualTo(plain);
            assertThat(cipher.open("t#1", "k1", cipher.seal(plain, aad).blob(), aad)).isEqualTo(plain);
        }
    }

    @Test
    void aadPartsCannotBeShiftedAcrossTheSeparator() {
        assertThat(RecordCipher.aad("k", "a|b", "c")).isNotEqualTo(RecordCipher.aad("k", "a", "b|c"));
    }

    @Test
    void detectsAKeyIdColumnChangedToAnotherConfiguredKey() {
        byte[] blob = cipher.seal(plain, aad).blob();
        assertThatThrownBy(() -> cipher.open("voiceprint#9", "k2", blob, aad))
                .isInstanceOf(RecordIntegrityException.class);
    }

    @Test
    void namesAnUnconfiguredKeyIdOnRead() {
        byte[] blob = cipher.seal(plain, aad).blob();
        assertThatThrownBy(() -> cipher.open("voiceprint#3", "old-key", blob, aad))
                .isInstanceOf(KeyNotConfiguredException.class)
                .hasMessage("voiceprint#3: encrypted with key id 'old-key', which is not configured"
                        + " (configured: [k1, k2])");
    }

    @Test
    void rejectsATruncatedBlob() {
        assertThatThrownBy(() -> cipher.open("voiceprint#4", "k1", new byte[20], aad))
                .isInstanceOf(RecordIntegrityException.class)
                .hasMessage("voiceprint#4: sealed blob of 20 bytes (expected: >= 28)");
    }

    @Test
    void activatingAnUnknownKeyFailsAndKeepsTheActiveKey() {
        assertThatThrownBy(() -> cipher.activate("k9")).isInstanceOf(KeyNotConfiguredException.class)
                .hasMessage("encryption key id 'k9' is not configured (configured: [k1, k2])");
        assertThat(cipher.activeKeyId()).isEqualTo("k1");
        cipher.activate("k2");
        assertThat(cipher.seal(plain, aad).keyId()).isEqualTo("k2");
    }
}

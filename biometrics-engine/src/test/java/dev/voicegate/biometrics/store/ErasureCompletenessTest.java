package dev.voicegate.biometrics.store;

import static dev.voicegate.biometrics.store.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ErasureCompletenessContract} on SQLite, and what only a file store can show: the erased
 * ciphertext is gone from the file and its WAL ({@code secure_delete}, checkpoint after erasure).
 */
class ErasureCompletenessTest extends ErasureCompletenessContract {

    @Override
    StoreBackend backend(Path dataDir) {
        return StoreBackend.sqlite(dataDir);
    }

    @Test
    void erasedCiphertextIsGoneFromTheFileAndItsWal() throws Exception {
        populate();
        List<byte[]> erased = sealedBlobsOf(PERSON);
        assertThat(erased).hasSize(6); // voiceprint, 3 fingerprints, 1 fraudster entry, the sealed biokey
        byte[] otherVoiceprint = sealedBlob("SELECT sealed FROM voiceprint WHERE biokey_hash = x'"
                + java.util.HexFormat.of().formatHex(StoreFixtures.hash(OTHER)) + "'");
        byte[] before = StoreFixtures.fileBytes(dir);
        assertThat(erased).allSatisfy(b -> assertThat(StoreFixtures.contains(before, needle(b))).isTrue());

        store.erase(PERSON, T0.plusSeconds(100), "dpo-1");

        byte[] after = StoreFixtures.fileBytes(dir);
        assertThat(erased).allSatisfy(b -> assertThat(StoreFixtures.contains(after, needle(b))).isFalse());
        assertThat(StoreFixtures.contains(after, needle(otherVoiceprint))).isTrue();
        // the only place the biokey text may remain is the tombstone row (and its index entry)
        byte[] key = PERSON.getBytes(StandardCharsets.UTF_8);
        assertThat(occurrences(after, key)).isLessThanOrEqualTo(2);
        store.close();
        assertThat(occurrences(StoreFixtures.fileBytes(dir), key)).isLessThanOrEqualTo(2);
        store = reopen();
    }
}

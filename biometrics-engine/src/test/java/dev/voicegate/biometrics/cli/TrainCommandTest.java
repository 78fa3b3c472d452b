package dev.voicegate.biometrics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad options are refused before any training starts (training takes minutes). */
class TrainCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return TrainCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--envelope-weight|1.0|option --envelope-weight: 1.0 (expected: 0 ≤ weight < 1)",
        "--envelope-weight|-0.1|option --envelope-weight: -0.1 (expected: 0 ≤ weight < 1)",
        "--envelope-weight|lots|option --envelope-weight: 'lots' (expected: a number)",
        "--envelope-lda|41|option --envelope-lda: 41 (expected: 0 (no envelope stream) to 40)",
        "--components|48|option --components: 48 (expected: a power of two (binary splitting))",
        "--lda|300|option --lda: 300 (expected: 0 (no LDA) to the PCA size 200)",
        "--relevance|0|option --relevance: 0.0 (expected: a positive number)",
        "--crossval|1|option --crossval: 1 (expected: at least 2 folds)",
        "--version|0|option --version: 0 (expected: at least 1)",
    })
    void aBadOptionIsNamedWithWhatWasExpected(String option, String value, String message) {
        assertThat(run("--corpus", dir.toString(), option, value)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(message).contains("usage: train");
        assertThat(out.size()).isZero();
    }

    @Test
    void anEnvelopeWeightWithoutTheEnvelopeStreamIsRefused() {
        assertThat(run("--corpus", dir.toString(), "--envelope-lda", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("option --envelope-weight: 0.4 (expected: 0 when --envelope-lda is 0)");
    }

    @Test
    void withoutACorpusItPrintsUsage() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("usage: train --corpus DIR");
    }

    @Test
    void aDirectoryThatIsNotACorpusIsReportedInOneLine() {
        assertThat(run("--corpus", dir.toString(), "--out", dir.resolve("m.bin.gz").toString())).isEqualTo(1);
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(e).startsWith("train: ").contains("background.tsv");
        assertThat(e.strip().lines()).hasSize(1);
    }
}

package dev.voicegate.biometrics.xvector.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainBackendTest {

    @Test
    void optionsAreCheckedWithClearMessages() {
        assertThatThrownBy(() -> TrainBackend.parse(new String[] {"--out", "x"}))
                .hasMessageContaining("--corpus and --out are required");
        assertThatThrownBy(() -> TrainBackend.parse(new String[] {"--corpus", "c", "--out", "o", "--bogus", "1"}))
                .hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> TrainBackend.parse(new String[] {"--corpus"})).hasMessageContaining("--corpus: missing value");
        assertThat(TrainBackend.parse(new String[] {"--corpus", "c", "--out", "o", "--lda-dims", "8,16"}).ldaDims())
                .containsExactly(8, 16);
        assertThat(TrainBackend.parse(new String[] {"--corpus", "c", "--out", "o"}).plainWeights()).isEmpty();
        assertThat(TrainBackend.parse(new String[] {"--corpus", "c", "--out", "o", "--plain-weights", "0.2,0.6"})
                .plainWeights()).containsExactly(0.2, 0.6);
        assertThat(TrainBackend.parse(new String[] {"--corpus", "c", "--out", "o", "--plain-weights", "0"}).plainWeights())
                .isEmpty();
        assertThatThrownBy(() -> TrainBackend.parse(new String[] {"--corpus", "c", "--out", "o", "--plain-weights", "0.2,1"}))
                .hasMessage("--plain-weights 0.2,1: 1.0 (expected: each 0 <= w < 1)");
        assertThatThrownBy(() -> TrainBackend.parse(new String[] {"--corpus", "c", "--out", "o", "--plain-weights", "x"}))
                .hasMessage("--plain-weights x: not a comma-separated list of numbers");
    }

    @Test
    void anEvalSpeakerInTheTrainListIsRefusedBeforeAnythingIsRead(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("speakers.tsv"), "speaker_id\tgroup\tsplit\na\tg1\ttrain\nb\tg2\teval\n");
        Files.createDirectories(dir.resolve("train"));
        Files.writeString(dir.resolve("train/list.tsv"), "speaker\twav\tcondition\na\ta/u0.wav\tclean\nb\tb/u0.wav\tclean\n");
        TrainBackend.Options o = TrainBackend.parse(new String[] {"--corpus", dir.toString(), "--out", dir.resolve("o").toString(),
                "--cache", dir.resolve("cache.tsv").toString()});
        PrintStream log = new PrintStream(new ByteArrayOutputStream());
        assertThatThrownBy(() -> TrainBackend.run(o, log)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("list.tsv:3").hasMessageContaining("speaker b is not in the train split");
    }

    @Test
    void malformedListLineIsRefusedWithItsLineNumber(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("speakers.tsv"), "speaker_id\tgroup\tsplit\na\tg1\ttrain\n");
        Files.createDirectories(dir.resolve("train"));
        Files.writeString(dir.resolve("train/list.tsv"), "speaker\twav\tcondition\na\ta/u0.wav\tradio\n");
        TrainBackend.Options o = TrainBackend.parse(new String[] {"--corpus", dir.toString(), "--out", dir.resolve("o").toString()});
        assertThatThrownBy(() -> TrainBackend.run(o, new PrintStream(new ByteArrayOutputStream())))
                .hasMessageContaining("list.tsv:2").hasMessageContaining("clean|mulaw|telephone");
    }
}

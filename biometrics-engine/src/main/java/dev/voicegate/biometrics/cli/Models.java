package dev.voicegate.biometrics.cli;

import dev.voicegate.biometrics.internal.model.GmmSupervectorExtractor;
import dev.voicegate.biometrics.internal.model.VoiceprintModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the committed model, or a model file given with {@code --model}. */
final class Models {

    private Models() {
    }

    static GmmSupervectorExtractor extractor(String file) {
        if (file == null) {
            return GmmSupervectorExtractor.loadDefault();
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return new GmmSupervectorExtractor(VoiceprintModel.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("model " + file + ": " + e.getMessage(), e);
        }
    }
}

package dev.voicegate.biometrics.cli;

import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.internal.model.GmmSupervectorExtractor;
import dev.voicegate.biometrics.internal.model.VoiceprintModel;
import dev.voicegate.biometrics.xvector.XvectorExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The extractor named by {@code --model}: absent or {@code xvec} = the telephone x-vector (the default),
 * {@code gmmsv} = the committed GMM-supervector model, anything else = a GMM model file (from {@code train}).
 */
final class Models {

    private Models() {
    }

    static VoiceprintExtractor extractor(String name) {
        if (name == null || name.equals("xvec")) {
            return XvectorExtractor.loadDefault();
        }
        if (name.equals("gmmsv")) {
            return GmmSupervectorExtractor.loadDefault();
        }
        Path p = Path.of(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("model '" + name + "': no such file (expected: xvec, gmmsv or a GMM model file)");
        }
        try (InputStream in = Files.newInputStream(p)) {
            return new GmmSupervectorExtractor(VoiceprintModel.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("model " + name + ": " + e.getMessage(), e);
        }
    }
}

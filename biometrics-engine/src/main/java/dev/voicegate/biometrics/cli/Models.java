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
 * {@code gmmsv} = the committed GMM-supervector model, a file starting with {@code VGXB} = the x-vector with that
 * back end (from {@code corpus/real/train-backend.sh}, see {@link XvectorExtractor#withBackend}), any other file = a
 * GMM model file (from {@code train}).
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
            throw new IllegalArgumentException("model '" + name + "': no such file (expected: xvec, gmmsv, an x-vector back-end file or a GMM model file)");
        }
        try (InputStream in = Files.newInputStream(p)) {
            byte[] magic = in.readNBytes(4);
            if (java.util.Arrays.equals(magic, new byte[] {'V', 'G', 'X', 'B'})) {
                return XvectorExtractor.withBackend(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("model " + name + ": " + e.getMessage(), e);
        }
        try (InputStream in = Files.newInputStream(p)) {
            return new GmmSupervectorExtractor(VoiceprintModel.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("model " + name + ": " + e.getMessage(), e);
        }
    }
}

package dev.voicegate.biometrics.cli;

import dev.voicegate.biometrics.internal.model.ModelTrainer;
import dev.voicegate.biometrics.internal.model.VoiceprintModel;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code train --corpus DIR [--out FILE] [--version N (default 3)] [--components K] [--pca P] [--lda L] [--segments FRAMES] [--relevance R] [--envelope-lda E] [--envelope-weight B] [--crossval K]}:
 * trains UBM, projection and calibration on the corpus' background speakers (never its evaluation
 * speakers) and writes the model (default: the committed resource path under src/main/resources).
 * With {@code --crossval K} it trains nothing to keep: it prints K-fold cross-validated development
 * EERs over all background speakers for several envelope weights (how the settings are chosen).
 */
public final class TrainCommand {

    private static final String USAGE = "usage: train --corpus DIR [--out FILE] [--version N (default 3)] [--components K] [--pca P] [--lda L] [--segments FRAMES] [--relevance R] [--envelope-lda E] [--envelope-weight B] [--crossval K]";

    private TrainCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Args a;
        ModelTrainer.Params p;
        int folds;
        int version;
        try {
            a = Args.parse(args, "--corpus", "--out", "--version", "--components", "--pca", "--lda", "--segments", "--relevance",
                    "--envelope-lda", "--envelope-weight", "--crossval");
            ModelTrainer.Params d = ModelTrainer.Params.DEFAULTS;
            p = new ModelTrainer.Params(a.intOr("--components", d.components()), d.itersPerLevel(),
                    a.intOr("--pca", d.pcaDim()), a.intOr("--lda", d.ldaDim()), a.doubleOr("--relevance", d.relevance()),
                    d.ubmFrames(), a.intOr("--segments", d.segmentFrames()),
                    a.intOr("--envelope-lda", d.envelopeLda()), a.doubleOr("--envelope-weight", d.envelopeWeight()));
            folds = a.intOr("--crossval", 0);
            version = a.intOr("--version", 3);
            if (a.get("--crossval") != null && folds < 2) {
                throw new IllegalArgumentException("option --crossval: " + folds + " (expected: at least 2 folds)");
            }
            if (version < 1) {
                throw new IllegalArgumentException("option --version: " + version + " (expected: at least 1)");
            }
        } catch (IllegalArgumentException e) {
            // Every option is checked before anything is trained: a typo must not cost minutes of training.
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        if (a.get("--corpus") == null) {
            err.println(USAGE);
            return 2;
        }
        try {
            if (folds > 0) {
                ModelTrainer.crossValidate(Path.of(a.get("--corpus")), p, folds, new double[] {0, 0.1, 0.2, 0.3, 0.4, 0.5}, out);
                return 0;
            }
            Path outFile = Path.of(a.getOr("--out", "biometrics-engine/src/main/resources" + VoiceprintModel.RESOURCE));
            VoiceprintModel model = ModelTrainer.train(Path.of(a.get("--corpus")), p, version, out);
            Files.createDirectories(outFile.toAbsolutePath().getParent());
            try (OutputStream o = Files.newOutputStream(outFile)) {
                model.write(o);
            }
            out.println("train: wrote " + outFile + " (" + VoiceprintModel.ENGINE_ID + " v" + model.version() + ", "
                    + model.embeddingDim() + " dims)");
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("train: " + e.getMessage());
            return 1;
        }
    }
}

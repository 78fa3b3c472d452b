package dev.voicegate.biometrics.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegate.biometrics.api.BioResult;
import dev.voicegate.biometrics.api.FrameAccumulator;
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.frontend.WavFormatException;
import dev.voicegate.biometrics.frontend.WavReader;
import dev.voicegate.biometrics.internal.eval.ClipFeatures;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code score ENROLL.wav TEST.wav [--channel left|right] [--model xvec|gmmsv|FILE]}: enrolls the first file,
 * verifies the second against it and prints one JSON object
 * {@code {"score":…,"rawScore":…,"bioResult":"…","enrollNetSpeechSec":…,"testNetSpeechSec":…}}
 * (score and rawScore are null when the result is NO_DATA or LOW_DATA).
 */
public final class ScoreCommand {

    private static final String USAGE = "usage: score ENROLL.wav TEST.wav [--channel left|right] [--model xvec|gmmsv|FILE]";

    private ScoreCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Args a;
        int channel;
        try {
            a = Args.parse(args, Set.of(), "--channel", "--model");
            channel = a.channel();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        if (a.positional().size() != 2) {
            err.println(USAGE);
            return 2;
        }
        try {
            VoiceprintExtractor x = Models.extractor(a.get("--model"));
            Side enroll = side(Path.of(a.positional().get(0)), channel, x);
            Side test = side(Path.of(a.positional().get(1)), channel, x);
            out.println(json(enroll, test, x, EngineConfig.DEFAULTS));
            return 0;
        } catch (WavFormatException e) {
            err.println("score: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            // never "score: null": an exception without a message is named by its type
            err.println("score: " + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
            return 1;
        }
    }

    private record Side(double netSpeech, float[] embedding) {
    }

    private static Side side(Path file, int channel, VoiceprintExtractor x) {
        short[] pcm = WavReader.read(file, channel).samples8k();
        ClipFeatures f = ClipFeatures.of(pcm);
        FrameAccumulator acc = ClipFeatures.accumulate(x, pcm, f);
        return new Side(f.quality().netSpeechSeconds(), acc.frames() > 0 ? acc.embedding() : null);
    }

    static String json(Side enroll, Side test, VoiceprintExtractor x, EngineConfig config) {
        ObjectNode n = new ObjectMapper().createObjectNode();
        double noData = config.noDataSpeech().toMillis() / 1000.0;
        double minVerify = config.minVerifySpeech().toMillis() / 1000.0;
        BioResult result;
        if (enroll.embedding() == null || test.embedding() == null || enroll.netSpeech() < noData
                || test.netSpeech() < noData) {
            result = BioResult.NO_DATA;
        } else if (test.netSpeech() < minVerify) {
            result = BioResult.LOW_DATA;
        } else {
            result = null;
        }
        if (result == null) {
            double raw = x.rawScore(enroll.embedding(), test.embedding());
            double score = x.calibrate(raw);
            n.put("score", round(score));
            n.put("rawScore", round(raw));
            n.put("bioResult", config.thresholds().classify(score).name());
        } else {
            n.putNull("score");
            n.putNull("rawScore");
            n.put("bioResult", result.name());
        }
        n.put("enrollNetSpeechSec", round(enroll.netSpeech()));
        n.put("testNetSpeechSec", round(test.netSpeech()));
        return n.toString();
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}

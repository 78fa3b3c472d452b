package dev.voicegate.biometrics.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.frontend.WavFormatException;
import dev.voicegate.biometrics.internal.eval.Bootstrap;
import dev.voicegate.biometrics.internal.eval.DetMetrics;
import dev.voicegate.biometrics.internal.eval.DetPlot;
import dev.voicegate.biometrics.internal.eval.Evaluator;
import dev.voicegate.biometrics.internal.eval.Trials;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code eval TRIALS.tsv [--det det.png] [--json] [--channel left|right] [--model xvec|gmmsv|FILE] [--bootstrap N]}:
 * EER, minDCF (P_target 0.01), FNMR at FMR 1 % and 0.1 %, trial counts — for the engine and, beside
 * it, the training-free baseline, with the EER ratio and 95 % intervals of the EERs and the ratio
 * from a bootstrap over enrolled speakers ({@code N} replicates, default 1000; 0 turns it off).
 */
public final class EvalCommand {

    private static final String USAGE = "usage: eval TRIALS.tsv [--det det.png] [--json] [--channel left|right] [--model xvec|gmmsv|FILE] [--bootstrap N]";
    private static final int DEFAULT_REPLICATES = 1000;
    private static final long SEED = 20261122;
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Args a;
        int channel;
        try {
            a = Args.parse(args, Set.of("--json"), "--det", "--channel", "--model", "--bootstrap");
            channel = a.channel();
            if (a.intOr("--bootstrap", DEFAULT_REPLICATES) < 0) {
                throw new IllegalArgumentException("option --bootstrap: '" + a.get("--bootstrap") + "' (expected: 0 or more replicates)");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        if (a.positional().size() != 1) {
            err.println(USAGE);
            return 2;
        }
        Path tsv = Path.of(a.positional().get(0));
        try {
            return evaluate(tsv, a, channel, Models.extractor(a.get("--model")), out);
        } catch (WavFormatException | IllegalArgumentException e) {
            err.println("eval: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("eval: " + tsv + ": " + e.getMessage());
            return 1;
        }
    }

    static int evaluate(Path tsv, Args a, int channel, VoiceprintExtractor extractor, PrintStream out) throws IOException {
        Evaluator.Result r = Evaluator.evaluate(Trials.read(tsv), extractor, channel);
        DetMetrics ours = r.engine().metrics();
        DetMetrics base = r.baseline().metrics();
        int replicates = a.intOr("--bootstrap", DEFAULT_REPLICATES);
        Bootstrap.Result ci = replicates == 0 ? null : r.bootstrap(replicates, SEED);
        if (a.get("--det") != null) {
            Map<String, DetMetrics> curves = new LinkedHashMap<>();
            curves.put("VoiceGate " + extractor.engineId() + " v" + extractor.engineVersion(), ours);
            curves.put("baseline (cepstral mean/var, sym. KL)", base);
            DetPlot.write(curves, "DET " + tsv.getFileName(), Path.of(a.get("--det")));
        }
        if (a.flag("--json")) {
            ObjectNode root = JSON.createObjectNode();
            root.put("trials", tsv.toString());
            root.put("engineId", extractor.engineId() + " v" + extractor.engineVersion());
            root.set("engine", json(ours));
            root.set("baseline", json(base));
            root.put("eerRatio", base.eer() == 0 ? Double.NaN : ours.eer() / base.eer());
            if (ci != null) {
                ObjectNode b = root.putObject("bootstrap");
                b.put("enrolledSpeakers", ci.clusters());
                b.put("replicates", ci.replicates());
                b.putArray("engineEer95").add(ci.engineEer().low()).add(ci.engineEer().high());
                b.putArray("baselineEer95").add(ci.baselineEer().low()).add(ci.baselineEer().high());
                b.putArray("eerRatio95").add(ci.ratio().low()).add(ci.ratio().high());
            }
            out.println(root.toString());
        } else {
            out.printf("trials: %s (%d target, %d non-target)%n", tsv, ours.targetCount(), ours.nonTargetCount());
            out.printf("engine: %s v%d%n", extractor.engineId(), extractor.engineVersion());
            out.println("system     EER%   minDCF(0.01)  FNMR@FMR1%  FNMR@FMR0.1%");
            out.println(line("engine", ours));
            out.println(line("baseline", base));
            out.printf("EER ratio engine/baseline: %.3f%n", base.eer() == 0 ? Double.NaN : ours.eer() / base.eer());
            if (ci != null) {
                out.printf("95 %% intervals (bootstrap over %d enrolled speakers, %d replicates): engine EER %.2f–%.2f %%, "
                                + "baseline EER %.2f–%.2f %%, ratio %.3f–%.3f%n", ci.clusters(), ci.replicates(),
                        100 * ci.engineEer().low(), 100 * ci.engineEer().high(), 100 * ci.baselineEer().low(),
                        100 * ci.baselineEer().high(), ci.ratio().low(), ci.ratio().high());
            }
        }
        return 0;
    }

    private static String line(String name, DetMetrics m) {
        return String.format("%-9s %6.2f  %12.4f  %9.2f%%  %11.2f%%", name, 100 * m.eer(), m.minDcf(0.01),
                100 * m.fnmrAtFmr(0.01), 100 * m.fnmrAtFmr(0.001));
    }

    private static ObjectNode json(DetMetrics m) {
        ObjectNode n = JSON.createObjectNode();
        n.put("eer", m.eer());
        n.put("minDcf", m.minDcf(0.01));
        n.put("fnmrAtFmr1", m.fnmrAtFmr(0.01));
        n.put("fnmrAtFmr01", m.fnmrAtFmr(0.001));
        n.put("eerThreshold", m.eerThreshold());
        n.put("thresholdAtFmr1", m.thresholdAtFmr(0.01));
        n.put("thresholdAtFmr01", m.thresholdAtFmr(0.001));
        n.put("thresholdAtFnmr1", m.thresholdAtFnmr(0.01));
        n.put("thresholdAtFnmr01", m.thresholdAtFnmr(0.001));
        n.put("targetTrials", m.targetCount());
        n.put("nonTargetTrials", m.nonTargetCount());
        return n;
    }
}

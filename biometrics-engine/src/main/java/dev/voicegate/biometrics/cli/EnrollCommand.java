package dev.voicegate.biometrics.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.EnrollmentResult;
import dev.voicegate.biometrics.store.ConsentRecord;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code enroll --biokey ID[,ID…] --by OPERATOR [--record-consent METHOD] FILE.wav <store options>}:
 * enrolls (accumulating) under each biokey; consent must be recorded already or given with
 * {@code --record-consent} (then recorded only for biokeys whose enrollment is stored); prints one JSON object with the outcome per biokey. Exit 1 when any
 * biokey was not enrolled.
 */
public final class EnrollCommand {

    private static final String USAGE = "usage: enroll --biokey ID[,ID...] --by OPERATOR [--record-consent METHOD] FILE.wav "
            + OperatorContext.COMMON_USAGE;

    private EnrollCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return OperatorRunner.run("enroll", USAGE, args, out, err, (a, ctx) -> {
            if (a.get("--biokey") == null || a.get("--by") == null || a.positional().size() != 1) {
                throw new OperatorRunner.UsageException();
            }
            Set<String> keys = new LinkedHashSet<>(java.util.List.of(a.get("--biokey").split(",")));
            // Consent given on this command line is recorded only together with a stored voiceprint.
            ConsentRecord consent = a.get("--record-consent") == null ? null
                    : new ConsentRecord(Clock.systemUTC().instant(), a.get("--record-consent"), a.get("--by"));
            EnrollmentResult r;
            try (Analysis an = ctx.analyse(a.positional().get(0), AnalysisRequest.Kind.PASSIVE, null)) {
                r = (consent == null ? ctx.engine.enroll(an, keys, a.get("--by"))
                        : ctx.engine.enroll(an, keys, a.get("--by"), consent)).get(60, TimeUnit.SECONDS);
            }
            ObjectNode n = new ObjectMapper().createObjectNode();
            n.put("BioAdequateSpeech", r.adequateSpeech());
            n.put("netSpeechSec", r.netSpeechSeconds());
            ObjectNode o = n.putObject("outcomes");
            r.outcomes().forEach((k, v) -> o.put(k, v.name()));
            out.println(n);
            boolean allOk = r.outcomes().values().stream().allMatch(v -> v == EnrollmentResult.Outcome.ENROLLED
                    || v == EnrollmentResult.Outcome.UPDATED || v == EnrollmentResult.Outcome.REPLACED_OLD_VERSION);
            return allOk ? 0 : 1;
        }, "--biokey", "--by", "--record-consent");
    }
}

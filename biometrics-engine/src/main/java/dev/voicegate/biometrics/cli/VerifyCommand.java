package dev.voicegate.biometrics.cli;

import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/** {@code verify --biokey ID FILE.wav <store options>}: 1:1 against the embedded store; prints one JSON object. */
public final class VerifyCommand {

    private static final String USAGE = "usage: verify --biokey ID FILE.wav " + OperatorContext.COMMON_USAGE;

    private VerifyCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return OperatorRunner.run("verify", USAGE, args, out, err, (a, ctx) -> {
            if (a.get("--biokey") == null || a.positional().size() != 1) {
                throw new OperatorRunner.UsageException();
            }
            try (Analysis an = ctx.analyse(a.positional().get(0), AnalysisRequest.Kind.VERIFY, a.get("--biokey"))) {
                out.println(ResultJson.of(an.finish().get(60, TimeUnit.SECONDS)));
            }
            return 0;
        }, "--biokey");
    }
}

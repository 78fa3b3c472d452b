package dev.voicegate.biometrics.cli;

import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/** {@code identify FILE.wav <store options>}: 1:N over the embedded store; prints one JSON object. */
public final class IdentifyCommand {

    private static final String USAGE = "usage: identify FILE.wav " + OperatorContext.COMMON_USAGE;

    private IdentifyCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return OperatorRunner.run("identify", USAGE, args, out, err, (a, ctx) -> {
            if (a.positional().size() != 1) {
                throw new OperatorRunner.UsageException();
            }
            try (Analysis an = ctx.analyse(a.positional().get(0), AnalysisRequest.Kind.IDENTIFY, null)) {
                out.println(ResultJson.of(an.finish().get(60, TimeUnit.SECONDS)));
            }
            return 0;
        });
    }
}

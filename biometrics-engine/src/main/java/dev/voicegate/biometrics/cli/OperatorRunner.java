package dev.voicegate.biometrics.cli;

import dev.voicegate.biometrics.frontend.WavFormatException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Shared option parsing, store opening and error mapping of the operator commands. */
final class OperatorRunner {

    /** The command body. */
    interface Body {
        int run(Args a, OperatorContext ctx) throws Exception;
    }

    /** Thrown by a body for wrong arguments. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private OperatorRunner() {
    }

    static int run(String name, String usage, String[] args, PrintStream out, PrintStream err, Body body, String... extra) {
        List<String> valued = new ArrayList<>(List.of(OperatorContext.OPTIONS));
        valued.addAll(List.of(extra));
        Args a;
        try {
            a = Args.parse(args, valued.toArray(String[]::new));
            a.channel();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\n" + usage);
            return 2;
        }
        try (OperatorContext ctx = OperatorContext.open(a)) {
            return body.run(a, ctx);
        } catch (UsageException e) {
            err.println(usage);
            return 2;
        } catch (WavFormatException e) {
            err.println(name + ": " + e.getMessage());
            return 1;
        } catch (ExecutionException e) {
            err.println(name + ": " + e.getCause().getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(name + ": interrupted");
            return 1;
        } catch (TimeoutException e) {
            err.println(name + ": timed out");
            return 1;
        } catch (Exception e) {
            err.println(name + ": " + e.getMessage());
            return 1;
        }
    }
}

package dev.voicegate.core;

import dev.voicegate.core.cli.Commands;

/** Entry point of {@code voicegate.jar}; see {@link Commands} for the sub-commands. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = Commands.run(args, System.out, System.err);
        if (code != Commands.KEEP_RUNNING) {
            System.exit(code);
        }
    }
}

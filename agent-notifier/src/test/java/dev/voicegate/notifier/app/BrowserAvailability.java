package dev.voicegate.notifier.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the browser test can run: both executables present, else skip locally and fail on CI. */
final class BrowserAvailability {

    /** What to do. */
    enum Verdict { RUN, SKIP, FAIL }

    private BrowserAvailability() {
    }

    static Verdict check(Path chromium, Path driver, String ciEnv) {
        if (Files.isExecutable(chromium) && Files.isExecutable(driver)) {
            return Verdict.RUN;
        }
        return "true".equalsIgnoreCase(ciEnv) ? Verdict.FAIL : Verdict.SKIP;
    }

    static String message(Path chromium, Path driver) {
        return "agent-app browser test needs " + chromium + " and " + driver
                + " (apt-get install -y chromium chromium-driver)";
    }
}

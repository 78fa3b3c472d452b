package dev.voicegate.testing.leak;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Fails a test class when Netty reported a buffer leak while it ran. Auto-registered for every
 * test class on a classpath that has src-test-fixtures (see {@code junit-platform.properties}).
 */
public final class LeakCheckExtension implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
        if (!LeakRecorder.installed()) {
            return;
        }
        List<String> leaks = LeakRecorder.collectAndDrain();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) reported while "
                    + context.getDisplayName() + " ran:\n" + String.join("\n", leaks));
        }
    }
}

package dev.voicegate.testing.leak;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs {@link LeakRecorder} when the JUnit launcher session opens, i.e. before any test class
 * (and so any Netty buffer class) is loaded. Registered through {@code META-INF/services}.
 */
public final class LeakCheckSessionListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        LeakRecorder.install();
    }
}

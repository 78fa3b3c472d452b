package dev.voicegate.testing.postgres;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the {@link PostgresServer#shared() shared} test server and deletes its directory when the
 * JUnit launcher session closes, i.e. after the last test and before the JVM exits (a shutdown hook
 * alone may be cut short by the test runner's exit). Registered through {@code META-INF/services}.
 */
public final class PostgresSessionListener implements LauncherSessionListener {
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        PostgresServer.stopShared();
    }
}

package dev.voicegate.core;

import dev.voicegate.core.config.ConfigException;
import java.net.BindException;

/**
 * The gateway could not start; the message names the resource (port, file) and the config key that
 * sets it. Thrown by {@link Gateway#start} after everything that had started was stopped again.
 */
public final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private StartupException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A listener could not be opened: names what, where and the key, and says "in use" for a bind clash. */
    static StartupException listening(String what, String key, String host, int port, Throwable e) {
        boolean inUse = false;
        for (Throwable c = e; c != null; c = c.getCause()) {
            // NIO throws BindException; the native (epoll) transport an IOException "bind(..) failed: Address already in use"
            inUse |= c instanceof BindException
                    || (c instanceof java.io.IOException && String.valueOf(c.getMessage()).contains("Address already in use"));
        }
        String where = host + ":" + port;
        return new StartupException(inUse
                ? "cannot listen on " + where + " for the " + what + " (" + key + "): address already in use"
                : "cannot start the " + what + " on " + where + " (" + key + "): " + rootMessage(e), e);
    }

    /** Passes configuration and start-up errors on; anything else gets a message with its root cause. */
    static RuntimeException of(RuntimeException e) {
        if (e instanceof StartupException || e instanceof ConfigException) {
            return e;
        }
        return new StartupException("start-up failed: " + rootMessage(e), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        if (root == e || (root.getMessage() != null && top.contains(root.getMessage()))) {
            return top;
        }
        return top + " (cause: " + root + ")";
    }
}

package dev.voicegate.genesys.internal;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Opens notification WebSockets. The JDK client in production; a seam for tests. */
@FunctionalInterface
public interface SocketConnector {

    /** An open socket. Thread-safe. */
    interface NotificationSocket {
        /** Queues a text message (sends are serialised; failures close the socket). */
        void send(String text);

        /** Closes the socket (close frame, then abort); the listener then gets {@code onClosed}. */
        void close();
    }

    /** Receives what arrives on one socket. */
    interface SocketListener {
        /** A whole text message; the next one is requested when the returned stage completes. */
        CompletionStage<?> onText(String text);

        /** Called once when the socket is gone (closed by either side, error, or oversized message). */
        void onClosed(String reason);
    }

    CompletableFuture<NotificationSocket> connect(URI uri, SocketListener listener);
}

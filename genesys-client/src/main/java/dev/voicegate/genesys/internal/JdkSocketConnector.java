package dev.voicegate.genesys.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link SocketConnector} on {@code java.net.http.WebSocket}. Reads one message at a time (the next
 * is requested only after the listener's stage completes), so nothing queues without bound; a
 * message above {@code maxMessageChars} aborts the socket.
 */
public final class JdkSocketConnector implements SocketConnector {

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final HttpClient client;
    private final Duration connectTimeout;
    private final int maxMessageChars;

    public JdkSocketConnector(HttpClient client, Duration connectTimeout, int maxMessageChars) {
        this.client = client;
        this.connectTimeout = connectTimeout;
        this.maxMessageChars = maxMessageChars;
    }

    @Override
    public CompletableFuture<NotificationSocket> connect(URI uri, SocketListener listener) {
        Adapter adapter = new Adapter(listener);
        return client.newWebSocketBuilder().connectTimeout(connectTimeout).buildAsync(uri, adapter)
                .thenApply(Socket::new);
    }

    private static final class Socket implements NotificationSocket {
        private final WebSocket ws;
        private CompletableFuture<?> last = CompletableFuture.completedFuture(null);

        Socket(WebSocket ws) {
            this.ws = ws;
        }

        @Override
        public synchronized void send(String text) {
            last = last.thenCompose(v -> ws.sendText(text, true)).exceptionally(e -> {
                ws.abort();
                return null;
            });
        }

        /**
         * Sends a close frame and keeps reading until the server answers it (messages it sent before
         * are still delivered: no event is lost in a make-before-break switch); aborts after 5 s.
         */
        @Override
        public void close() {
            // Even if the close frame cannot be sent (the server already dropped its side), unread
            // messages stay readable until the grace period ends.
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((v, e) ->
                    CompletableFuture.delayedExecutor(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS).execute(ws::abort));
        }
    }

    private final class Adapter implements WebSocket.Listener {
        private final SocketListener listener;
        private final StringBuilder partial = new StringBuilder();
        private final AtomicBoolean closed = new AtomicBoolean();

        Adapter(SocketListener listener) {
            this.listener = listener;
        }

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (partial.length() + data.length() > maxMessageChars) {
                partial.setLength(0);
                ws.abort();
                closed("message larger than " + maxMessageChars + " chars");
                return null;
            }
            partial.append(data);
            if (!last) {
                ws.request(1);
                return null;
            }
            String text = partial.toString();
            partial.setLength(0);
            listener.onText(text).whenComplete((v, e) -> ws.request(1));
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed("closed by server (" + statusCode + ")");
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed("error (" + error.getClass().getSimpleName() + ")");
        }

        private void closed(String reason) {
            if (closed.compareAndSet(false, true)) {
                listener.onClosed(reason);
            }
        }
    }
}

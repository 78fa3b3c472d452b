package dev.voicegate.notifier.netty;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;

/**
 * Finds the bearer token on a WebSocket upgrade request. Checked in this order:
 * <ol>
 *   <li>{@code Authorization: Bearer <token>} — for non-browser clients;</li>
 *   <li>a {@code Sec-WebSocket-Protocol} entry {@code bearer.<token>} next to
 *       {@code voicegate.agent.v1} — what the agent app uses: a browser WebSocket cannot set
 *       headers, and unlike a query parameter this keeps the token out of URLs and access logs
 *       (the server selects {@code voicegate.agent.v1} and never echoes the token);</li>
 *   <li>{@code ?access_token=<token>} — last resort for clients that can do neither.</li>
 * </ol>
 * Stateless.
 */
final class TokenExtractor {

    static final String SUBPROTOCOL_PREFIX = "bearer.";
    private static final String BEARER = "bearer ";

    private TokenExtractor() {
    }

    /** The token, or null when none is present. */
    static String extract(HttpRequest req) {
        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String t = auth.substring(BEARER.length()).strip();
            if (!t.isEmpty()) {
                return t;
            }
        }
        String protocols = req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        if (protocols != null) {
            for (String p : protocols.split(",")) {
                String s = p.strip();
                if (s.startsWith(SUBPROTOCOL_PREFIX) && s.length() > SUBPROTOCOL_PREFIX.length()) {
                    return s.substring(SUBPROTOCOL_PREFIX.length());
                }
            }
        }
        List<String> q = new QueryStringDecoder(req.uri()).parameters().get("access_token");
        if (q != null && !q.isEmpty() && !q.get(0).isBlank()) {
            return q.get(0).strip();
        }
        return null;
    }
}

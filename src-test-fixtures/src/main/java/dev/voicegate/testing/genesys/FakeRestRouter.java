package dev.voicegate.testing.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.voicegate.testing.genesys.ConversationEventBodies.JSON;

/**
 * Answers every REST request of the fake (a WireMock transformer over one catch-all stub), in the
 * real shapes of fact sheet §1, §2, §3a and §5. Faults are applied first.
 */
final class FakeRestRouter implements ResponseDefinitionTransformerV2 {

    record Reply(int status, String body, Map<String, String> headers) {
        static Reply json(int status, JsonNode body) {
            return new Reply(status, body.toString(), Map.of("Content-Type", "application/json"));
        }
    }

    private static final Pattern GROUP_MEMBERS = Pattern.compile("/api/v2/groups/([^/]+)/members");
    private static final Pattern QUEUE_MEMBERS = Pattern.compile("/api/v2/routing/queues/([^/]+)/members");
    private static final Pattern CHANNEL = Pattern.compile("/api/v2/notifications/channels/([^/]+)");
    private static final Pattern SUBSCRIPTIONS = Pattern.compile("/api/v2/notifications/channels/([^/]+)/subscriptions");
    private static final Pattern CONVERSATION = Pattern.compile("/api/v2/conversations/([^/]+)");
    private static final Pattern ATTRIBUTES =
            Pattern.compile("/api/v2/conversations/([^/]+)/participants/([^/]+)/attributes");

    private final FakeOrg org;
    private final FakeChannels channels;
    private final FakeFaults faults;
    private final String clientId;
    private final String clientSecret;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());

    FakeRestRouter(FakeOrg org, FakeChannels channels, FakeFaults faults, String clientId, String clientSecret) {
        this.org = org;
        this.channels = channels;
        this.faults = faults;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    public String getName() {
        return "fake-genesys-router";
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request r = event.getRequest();
        String method = r.getMethod().getName();
        URI uri = URI.create(r.getUrl());
        String path = uri.getPath();
        counts.computeIfAbsent(method + " " + path, k -> new AtomicInteger()).incrementAndGet();
        log.add(method + " " + path);
        Optional<FakeFaults.Fault> fault = faults.take(method, path);
        Reply reply = fault.filter(f -> f.status() > 0).map(FakeRestRouter::faultReply)
                .orElseGet(() -> route(method, path, query(uri.getRawQuery()), r));
        ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition().withStatus(reply.status());
        reply.headers().forEach(b::withHeader);
        if (reply.body() != null) {
            b.withBody(reply.body());
        }
        fault.filter(f -> f.delay() != null).ifPresent(f -> b.withFixedDelay((int) f.delay().toMillis()));
        return b.build();
    }

    int count(String method, String path) {
        AtomicInteger n = counts.get(method + " " + path);
        return n == null ? 0 : n.get();
    }

    /** Forgets the request log and counts. */
    void forgetHistory() {
        counts.clear();
        log.clear();
    }

    int countMatching(String method, String pathRegex) {
        Pattern p = Pattern.compile(pathRegex);
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(method + " ")
                && p.matcher(e.getKey().substring(method.length() + 1)).matches())
                .mapToInt(e -> e.getValue().get()).sum();
    }

    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    private static Reply faultReply(FakeFaults.Fault f) {
        if (f.status() == 429) {
            int s = f.retryAfterSeconds();
            Reply base = error(429, "too.many.requests.retry.after",
                    "Rate limit exceeded the maximum. Retry the request in [" + s + "] seconds");
            return new Reply(429, base.body(), Map.of("Content-Type", "application/json", "Retry-After", String.valueOf(s)));
        }
        return error(f.status(), "injected.fault", "Injected fault " + f.status());
    }

    static Reply error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("message", message);
        body.put("code", code);
        body.put("status", status);
        body.put("contextId", UUID.randomUUID().toString());
        body.putArray("details");
        body.putArray("errors");
        return Reply.json(status, body);
    }

    private Reply route(String method, String path, Map<String, String> query, Request r) {
        if (path.equals("/oauth/authorize")) {
            return method.equals("GET") ? authorize(query) : error(405, "method.not.allowed", "Use GET");
        }
        if (path.equals("/oauth/token")) {
            return method.equals("POST") ? token(r) : error(405, "method.not.allowed", "Use POST");
        }
        String bearer = bearer(r);
        if (path.equals("/api/v2/users/me") && method.equals("GET")) {
            return usersMe(bearer);
        }
        if (bearer == null || !org.appTokenValid(bearer)) {
            return error(401, "bad.credentials", "Invalid login credentials.");
        }
        return new FakeRestRoutes(org, channels).route(method, path, query, r.getBodyAsString(), bearer);
    }

    private Reply token(Request r) {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(r.getHeader("Authorization"))) {
            return oauthError(401, "invalid_client", "client authentication failed");
        }
        if (!"grant_type=client_credentials".equals(r.getBodyAsString().trim())) {
            return oauthError(400, "unsupported_grant_type", "grant_type must be client_credentials");
        }
        Map.Entry<String, Long> t = org.issueAppToken();
        ObjectNode body = JSON.createObjectNode();
        body.put("access_token", t.getKey());
        body.put("token_type", "bearer");
        body.put("expires_in", t.getValue());
        return Reply.json(200, body);
    }

    /**
     * The implicit grant: {@code GET /oauth/authorize?response_type=token&client_id&redirect_uri[&state]}. The fact
     * sheet genesys-api.md has no section on it yet; the shapes are those of Genesys' own browser sign-in library
     * (MyPureCloud/genesys-cloud-client-auth, {@code src/lib/types.ts}: request {@code client_id, redirect_uri,
     * response_type, state}; fragment {@code access_token, expires_in, state} or {@code error, error_description})
     * and of developer.genesys.cloud "Grant - Implicit"; the lifetime is the client's token lifetime.
     * An unknown client or a redirect URI not registered for it gets an error page and no redirect (a token must
     * never go to an address the client did not register); otherwise the signed-in user's browser is sent to
     * {@code redirect_uri#access_token=…&expires_in=…&token_type=bearer[&state=…]}, or with
     * {@code #error=…&error_description=…}. The fake has no login form: {@code FakeGenesysCloud.signIn} stands for
     * the user having signed in (without one the page says sign-in is needed, 401).
     */
    private Reply authorize(Map<String, String> query) {
        String client = query.get("client_id");
        String redirect = query.get("redirect_uri");
        if (client == null || redirect == null || !org.implicitRedirectAllowed(client, redirect)) {
            return new Reply(400, "<!DOCTYPE html><title>Error</title><p>OAuth client ID or redirect URI is invalid.</p>",
                    Map.of("Content-Type", "text/html; charset=utf-8"));
        }
        String state = query.get("state");
        StringBuilder fragment = new StringBuilder();
        if (!"token".equals(query.get("response_type"))) {
            fragment.append("error=unsupported_response_type&error_description=")
                    .append(enc("response_type must be token for this client"));
        } else {
            Optional<String> user = org.signedInUser();
            if (user.isEmpty()) {
                return new Reply(401, "<!DOCTYPE html><title>Genesys Cloud</title><p>Sign in to continue.</p>",
                        Map.of("Content-Type", "text/html; charset=utf-8"));
            }
            Map.Entry<String, Long> t = org.issueUserToken(user.get());
            fragment.append("access_token=").append(enc(t.getKey()))
                    .append("&expires_in=").append(t.getValue())
                    .append("&token_type=bearer");
        }
        if (state != null) {
            fragment.append("&state=").append(enc(state));
        }
        return new Reply(302, null, Map.of("Location", redirect + "#" + fragment));
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Reply oauthError(int status, String error, String description) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", error);
        body.put("description", description);
        body.put("error_description", description);
        return Reply.json(status, body);
    }

    private Reply usersMe(String bearer) {
        if (bearer != null && org.appTokenValid(bearer)) {
            return error(400, "bad.request", "This request requires a user context. "
                    + "Client credentials cannot be used for requests to this resource.");
        }
        Optional<String> user = bearer == null ? Optional.empty() : org.userForToken(bearer);
        if (user.isEmpty()) {
            return error(401, "bad.credentials", "Invalid login credentials.");
        }
        return Reply.json(200, FakeRestRoutes.user(user.get(), org.agentName(user.get())));
    }

    private static String bearer(Request r) {
        String h = r.getHeader("Authorization");
        return h != null && h.startsWith("Bearer ") ? h.substring("Bearer ".length()) : null;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int i = kv.indexOf('=');
                String k = URLDecoder.decode(i < 0 ? kv : kv.substring(0, i), StandardCharsets.UTF_8);
                q.put(k, i < 0 ? "" : URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    static Matcher match(Pattern p, String path) {
        Matcher m = p.matcher(path);
        return m.matches() ? m : null;
    }

    static Pattern groupMembers() {
        return GROUP_MEMBERS;
    }

    static Pattern queueMembers() {
        return QUEUE_MEMBERS;
    }

    static Pattern channel() {
        return CHANNEL;
    }

    static Pattern subscriptions() {
        return SUBSCRIPTIONS;
    }

    static Pattern conversation() {
        return CONVERSATION;
    }

    static Pattern attributes() {
        return ATTRIBUTES;
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }
}

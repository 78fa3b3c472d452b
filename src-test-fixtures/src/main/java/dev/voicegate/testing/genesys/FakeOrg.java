package dev.voicegate.testing.genesys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The organisation data of the fake: agents, groups, queues, conversations, issued tokens and
 * recorded attribute writes. Every method is synchronized; returned collections are copies.
 */
final class FakeOrg {

    private final Clock clock;
    private final Map<String, String> agents = new LinkedHashMap<>();
    private final Map<String, Set<String>> groups = new LinkedHashMap<>();
    private final Map<String, Set<String>> queues = new LinkedHashMap<>();
    private final Map<String, FakeConversation> conversations = new LinkedHashMap<>();
    private final Map<String, String> userTokens = new LinkedHashMap<>();
    private final Map<String, Instant> appTokens = new LinkedHashMap<>();
    private final Map<String, Instant> userTokenExpiry = new LinkedHashMap<>();
    private final Map<String, Set<String>> implicitClients = new LinkedHashMap<>();
    private String signedInUser;
    private final List<AttributeWrite> writes = new ArrayList<>();
    private final AtomicInteger tokenCounter = new AtomicInteger();
    private Duration tokenLifetime;

    FakeOrg(Clock clock, Duration tokenLifetime) {
        this.clock = clock;
        this.tokenLifetime = tokenLifetime;
    }

    Clock clock() {
        return clock;
    }

    synchronized void addAgent(String userId, String name) {
        agents.put(userId, name);
    }

    synchronized boolean isAgent(String userId) {
        return agents.containsKey(userId);
    }

    synchronized String agentName(String userId) {
        return agents.get(userId);
    }

    synchronized void addGroupMember(String groupId, String userId) {
        requireAgent(userId);
        groups.computeIfAbsent(groupId, k -> new LinkedHashSet<>()).add(userId);
    }

    synchronized void removeGroupMember(String groupId, String userId) {
        groups.getOrDefault(groupId, new LinkedHashSet<>()).remove(userId);
    }

    synchronized void addQueueMember(String queueId, String userId) {
        requireAgent(userId);
        queues.computeIfAbsent(queueId, k -> new LinkedHashSet<>()).add(userId);
    }

    synchronized Optional<List<String>> groupMembers(String groupId) {
        return Optional.ofNullable(groups.get(groupId)).map(List::copyOf);
    }

    synchronized Optional<List<String>> queueMembers(String queueId) {
        return Optional.ofNullable(queues.get(queueId)).map(List::copyOf);
    }

    private void requireAgent(String userId) {
        if (!agents.containsKey(userId)) {
            throw new IllegalArgumentException("userId: " + userId + " (expected: an agent added with addAgent)");
        }
    }

    synchronized void setTokenLifetime(Duration lifetime) {
        if (lifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("tokenLifetime: " + lifetime + " (expected: >= 1s)");
        }
        tokenLifetime = lifetime;
    }

    /** Issues an app (client credentials) token; returns token and its lifetime in seconds. */
    synchronized Map.Entry<String, Long> issueAppToken() {
        String token = "fake-app-token-" + tokenCounter.incrementAndGet() + "-" + UUID.randomUUID();
        appTokens.put(token, clock.instant().plus(tokenLifetime));
        return Map.entry(token, tokenLifetime.toSeconds());
    }

    synchronized int appTokensIssued() {
        return appTokens.size();
    }

    synchronized Optional<Instant> appTokenExpiry(String token) {
        return Optional.ofNullable(appTokens.get(token));
    }

    synchronized boolean appTokenValid(String token) {
        Instant expiry = appTokens.get(token);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    synchronized void revokeAppTokens() {
        appTokens.replaceAll((t, e) -> Instant.EPOCH);
    }

    synchronized String addUserToken(String userId) {
        requireAgent(userId);
        String token = "fake-user-token-" + UUID.randomUUID();
        userTokens.put(token, userId);
        return token;
    }

    synchronized Optional<String> userForToken(String token) {
        Instant expiry = userTokenExpiry.get(token);
        if (expiry != null && !clock.instant().isBefore(expiry)) {
            return Optional.empty();
        }
        return Optional.ofNullable(userTokens.get(token));
    }

    synchronized void addImplicitClient(String clientId, Set<String> redirectUris) {
        implicitClients.put(clientId, Set.copyOf(redirectUris));
    }

    synchronized boolean implicitRedirectAllowed(String clientId, String redirectUri) {
        return implicitClients.getOrDefault(clientId, Set.of()).contains(redirectUri);
    }

    synchronized void signIn(String userId) {
        if (userId != null) {
            requireAgent(userId);
        }
        signedInUser = userId;
    }

    synchronized Optional<String> signedInUser() {
        return Optional.ofNullable(signedInUser);
    }

    /** A user token of the implicit grant: expires after the token lifetime; returns token and seconds. */
    synchronized Map.Entry<String, Long> issueUserToken(String userId) {
        String token = addUserToken(userId);
        userTokenExpiry.put(token, clock.instant().plus(tokenLifetime));
        return Map.entry(token, tokenLifetime.toSeconds());
    }

    synchronized FakeConversation newConversation(String ani, String dnis) {
        String id = UUID.randomUUID().toString();
        FakeConversation c = new FakeConversation(id, UUID.randomUUID().toString(), ani, dnis, clock.instant());
        conversations.put(id, c);
        return c;
    }

    synchronized Optional<FakeConversation> conversation(String id) {
        return Optional.ofNullable(conversations.get(id));
    }

    synchronized FakeConversation requireConversation(String id) {
        FakeConversation c = conversations.get(id);
        if (c == null) {
            throw new IllegalArgumentException("conversationId: " + id + " (expected: a call started with startCall)");
        }
        return c;
    }

    synchronized void recordWrite(AttributeWrite write) {
        writes.add(write);
        FakeConversation c = conversations.get(write.conversationId());
        if (c != null && c.customerParticipantId().equals(write.participantId())) {
            c.putCustomerAttributes(write.attributes());
        }
    }

    /** Forgets ended conversations and recorded attribute writes (long soak runs). */
    synchronized void forgetHistory() {
        conversations.values().removeIf(c -> c.endTime() != null);
        writes.clear();
    }

    synchronized List<AttributeWrite> writes() {
        return List.copyOf(writes);
    }
}

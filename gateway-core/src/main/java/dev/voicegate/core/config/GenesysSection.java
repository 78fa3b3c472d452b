package dev.voicegate.core.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code genesys:} — the Genesys Cloud organisation VoiceGate watches (issue #3).
 *
 * @param region            region domain ({@code mypurecloud.ie}) or SDK region name ({@code eu_west_1})
 * @param apiBaseUrl        override of {@code https://api.<region>} (tests, proxies)
 * @param loginBaseUrl      override of {@code https://login.<region>}
 * @param clientId          OAuth client-credentials client id
 * @param clientSecret      its secret — use a reference: {@code ${env:GENESYS_CLIENT_SECRET}} or {@code ${file:/run/secrets/x}}
 * @param groups            group ids whose members are monitored
 * @param queues            queue ids whose members are monitored
 * @param agentSyncInterval how often group/queue membership is re-read
 * @param writeBack         write transaction results back as participant attributes
 */
public record GenesysSection(String region, String apiBaseUrl, String loginBaseUrl, String clientId, String clientSecret,
                             List<String> groups, List<String> queues, Duration agentSyncInterval, Boolean writeBack) {
    public GenesysSection {
        groups = groups == null ? List.of() : List.copyOf(groups);
        queues = queues == null ? List.of() : List.copyOf(queues);
        agentSyncInterval = Checks.positive("genesys.agentSyncInterval", agentSyncInterval, Duration.ofMinutes(5));
        if (agentSyncInterval.compareTo(Duration.ofSeconds(10)) < 0) {
            throw ConfigException.invalid("genesys.agentSyncInterval", Durations.format(agentSyncInterval),
                    ">= 10s (membership polling counts against the 300 requests/minute API limit)");
        }
        writeBack = writeBack != null && writeBack;
        checkUrl("genesys.apiBaseUrl", apiBaseUrl);
        checkUrl("genesys.loginBaseUrl", loginBaseUrl);
    }

    /** Whether credentials and at least one group or queue are configured (needed for {@code gating.mode: gated}). */
    public boolean configured() {
        return hasText(clientId) && hasText(clientSecret) && (hasText(region) || hasText(apiBaseUrl))
                && (!groups.isEmpty() || !queues.isEmpty());
    }

    /** What is missing for {@link #configured()}, for the start-up error. */
    public List<String> missing() {
        java.util.ArrayList<String> m = new java.util.ArrayList<>();
        if (!hasText(region) && !hasText(apiBaseUrl)) {
            m.add("genesys.region (or genesys.apiBaseUrl)");
        }
        if (!hasText(clientId)) {
            m.add("genesys.clientId");
        }
        if (!hasText(clientSecret)) {
            m.add("genesys.clientSecret");
        }
        if (groups.isEmpty() && queues.isEmpty()) {
            m.add("at least one of genesys.groups / genesys.queues");
        }
        return m;
    }

    /**
     * The Genesys client's config (its defaults for HTTP and notification behaviour).
     *
     * @throws IllegalArgumentException naming the key, the value and what was expected
     */
    public dev.voicegate.genesys.config.GenesysConfig toClientConfig() {
        return apiBaseUrl != null
                ? dev.voicegate.genesys.config.GenesysConfig.forBaseUrls(apiBaseUrl, loginBaseUrl != null ? loginBaseUrl : apiBaseUrl,
                        clientId, clientSecret)
                : dev.voicegate.genesys.config.GenesysConfig.forRegion(region, clientId, clientSecret);
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    private static void checkUrl(String key, String url) {
        if (url != null && !url.matches("^https?://[^\\s/]+(/.*)?$")) {
            throw ConfigException.invalid(key, url, "an http(s) URL such as https://api.mypurecloud.ie");
        }
    }
}

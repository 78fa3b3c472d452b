package dev.voicegate.genesys.config;

import java.net.URI;
import java.util.Objects;

/**
 * Connection settings of a {@code GenesysClient}: where Genesys is (a region, or explicit base URLs
 * that override it, e.g. for the fake in tests), the OAuth client-credentials pair, and the REST
 * and notification behaviour. Immutable; validated on construction; {@link #toString()} masks the
 * secret.
 *
 * @param region        SDK region name ({@code eu_west_1}) or domain ({@code mypurecloud.ie}); may be
 *                      null only when both base URLs are given
 * @param apiBaseUrl    overrides {@code https://api.<domain>} (null = derive from region)
 * @param loginBaseUrl  overrides {@code https://login.<domain>} (null = derive from region)
 * @param clientId      OAuth client id
 * @param clientSecret  OAuth client secret (never logged)
 * @param http          REST behaviour
 * @param notifications notification channel behaviour
 */
public record GenesysConfig(String region, URI apiBaseUrl, URI loginBaseUrl, String clientId, String clientSecret,
                            HttpConfig http, NotificationConfig notifications) {

    public GenesysConfig {
        if (region != null && GenesysRegion.domainOf(region).isEmpty()) {
            throw new IllegalArgumentException("genesys.region: " + region + " (expected: one of "
                    + GenesysRegion.knownRegions() + " or its domain, e.g. mypurecloud.ie)");
        }
        if (region == null && (apiBaseUrl == null || loginBaseUrl == null)) {
            throw new IllegalArgumentException("genesys.region: null (expected: a region, or both genesys.apiBaseUrl"
                    + " and genesys.loginBaseUrl)");
        }
        checkUrl("genesys.apiBaseUrl", apiBaseUrl);
        checkUrl("genesys.loginBaseUrl", loginBaseUrl);
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("genesys.clientId: " + clientId + " (expected: non-blank)");
        }
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("genesys.clientSecret: <" + (clientSecret == null ? "null" : "blank")
                    + "> (expected: non-blank)");
        }
        Objects.requireNonNull(http, "genesys.http");
        Objects.requireNonNull(notifications, "genesys.notifications");
    }

    private static void checkUrl(String key, URI url) {
        if (url != null && (url.getHost() == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme())))) {
            throw new IllegalArgumentException(key + ": " + url + " (expected: an absolute http(s) URL)");
        }
    }

    /** A config for a region with default behaviour. */
    public static GenesysConfig forRegion(String region, String clientId, String clientSecret) {
        return new GenesysConfig(region, null, null, clientId, clientSecret, HttpConfig.defaults(),
                NotificationConfig.defaults());
    }

    /** A config for explicit base URLs (tests, proxies) with default behaviour. */
    public static GenesysConfig forBaseUrls(String apiBaseUrl, String loginBaseUrl, String clientId, String clientSecret) {
        return new GenesysConfig(null, URI.create(apiBaseUrl), URI.create(loginBaseUrl), clientId, clientSecret,
                HttpConfig.defaults(), NotificationConfig.defaults());
    }

    public GenesysConfig withHttp(HttpConfig http) {
        return new GenesysConfig(region, apiBaseUrl, loginBaseUrl, clientId, clientSecret, http, notifications);
    }

    public GenesysConfig withNotifications(NotificationConfig notifications) {
        return new GenesysConfig(region, apiBaseUrl, loginBaseUrl, clientId, clientSecret, http, notifications);
    }

    /** The effective API base: the override, else {@code https://api.<domain>}. No trailing slash. */
    public URI apiBase() {
        return apiBaseUrl != null ? strip(apiBaseUrl)
                : URI.create("https://api." + GenesysRegion.domainOf(region).orElseThrow());
    }

    /** The effective login base: the override, else {@code https://login.<domain>}. */
    public URI loginBase() {
        return loginBaseUrl != null ? strip(loginBaseUrl)
                : URI.create("https://login." + GenesysRegion.domainOf(region).orElseThrow());
    }

    private static URI strip(URI u) {
        String s = u.toString();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    @Override
    public String toString() {
        return "GenesysConfig[region=" + region + ", apiBase=" + apiBase() + ", loginBase=" + loginBase()
                + ", clientId=" + clientId + ", clientSecret=****, http=" + http + ", notifications=" + notifications + "]";
    }
}

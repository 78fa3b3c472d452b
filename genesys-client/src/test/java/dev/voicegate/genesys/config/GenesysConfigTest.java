package dev.voicegate.genesys.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenesysConfigTest {

    @Test
    void regionNameAndDomainBothResolveToApiAndLoginHosts() {
        assertThat(GenesysConfig.forRegion("eu_west_1", "id", "s").apiBase()).isEqualTo(URI.create("https://api.mypurecloud.ie"));
        assertThat(GenesysConfig.forRegion("mypurecloud.ie", "id", "s").loginBase())
                .isEqualTo(URI.create("https://login.mypurecloud.ie"));
        assertThat(GenesysConfig.forRegion("AP_NORTHEAST_2", "id", "s").apiBase()).isEqualTo(URI.create("https://api.apne2.pure.cloud"));
    }

    @Test
    void baseUrlOverridesWinOverTheRegion() {
        GenesysConfig c = new GenesysConfig("eu_west_1", URI.create("http://127.0.0.1:8080/"),
                URI.create("http://127.0.0.1:9090"), "id", "s", HttpConfig.defaults(), NotificationConfig.defaults());
        assertThat(c.apiBase()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(c.loginBase()).isEqualTo(URI.create("http://127.0.0.1:9090"));
    }

    @Test
    void unknownRegionNamesTheKeyAndTheChoices() {
        assertThatThrownBy(() -> GenesysConfig.forRegion("mars_1", "id", "s"))
                .hasMessageStartingWith("genesys.region: mars_1 (expected: one of us_east_1|");
    }

    @Test
    void missingRegionAndUrlsAndCredentialsAreRejected() {
        assertThatThrownBy(() -> new GenesysConfig(null, URI.create("http://h"), null, "id", "s",
                HttpConfig.defaults(), NotificationConfig.defaults())).hasMessageStartingWith("genesys.region: null");
        assertThatThrownBy(() -> GenesysConfig.forRegion("eu_west_1", " ", "s")).hasMessage("genesys.clientId:   (expected: non-blank)");
        assertThatThrownBy(() -> GenesysConfig.forRegion("eu_west_1", "id", ""))
                .hasMessage("genesys.clientSecret: <blank> (expected: non-blank)");
        assertThatThrownBy(() -> GenesysConfig.forBaseUrls("ftp://x", "http://y", "id", "s"))
                .hasMessage("genesys.apiBaseUrl: ftp://x (expected: an absolute http(s) URL)");
    }

    @Test
    void secretIsMaskedInToString() {
        assertThat(GenesysConfig.forRegion("eu_west_1", "id", "top-secret").toString())
                .contains("clientSecret=****").doesNotContain("top-secret");
    }

    @Test
    void behaviourLimitsAreValidated() {
        assertThatThrownBy(() -> HttpConfig.defaults().withRequestTimeout(Duration.ofSeconds(-1)))
                .hasMessage("genesys.http.requestTimeout: PT-1S (expected: > 0)");
        assertThatThrownBy(() -> NotificationConfig.defaults().withTopicsPerChannel(1001))
                .hasMessage("genesys.notifications.topicsPerChannel: 1001 (expected: 1..1000)");
        assertThatThrownBy(() -> NotificationConfig.defaults().withLiveness(Duration.ofSeconds(30), Duration.ofSeconds(30)))
                .hasMessage("genesys.notifications.heartbeatTimeout: PT30S (expected: > pingInterval PT30S)");
        assertThatThrownBy(() -> new HttpConfig(Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1, 301, 1,
                Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1), 1, 0.8))
                .hasMessage("genesys.http.requestsPerMinute: 301 (expected: 1..300, the per-token Genesys limit)");
    }
}

package dev.voicegate.audiohook.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadArgsTest {

    @Test
    void scenarioDefaultsApplyAndOptionsOverrideThem() {
        LoadArgs a = LoadArgs.parse("stream", "--sessions", "250", "--server-xmx", "1g");

        assertThat(a.positive("sessions")).isEqualTo(250);
        assertThat(a.string("server-xmx")).isEqualTo("1g");
        assertThat(a.positive("duration")).isEqualTo(60);
        assertThat(LoadArgs.parse("open-rate").positive("rate")).isEqualTo(100);
        assertThat(LoadArgs.parse("paused").positive("settle")).isEqualTo(12);
    }

    @Test
    void unknownScenarioOrOptionIsRejectedWithTheChoices() {
        assertThatThrownBy(() -> LoadArgs.parse()).hasMessageContaining("scenario: (none)");
        assertThatThrownBy(() -> LoadArgs.parse("soak")).hasMessageContaining("\"soak\"")
                .hasMessageContaining("[open-rate, stream, paused]");
        assertThatThrownBy(() -> LoadArgs.parse("open-rate", "--sessions", "5"))
                .hasMessageContaining("\"--sessions\"").hasMessageContaining("--rate");
    }

    @Test
    void missingValuesAndBadNumbersAreRejectedNamingTheOption() {
        assertThatThrownBy(() -> LoadArgs.parse("paused", "--sessions")).hasMessage("option --sessions: missing value");
        assertThatThrownBy(() -> LoadArgs.parse("paused", "--sessions", "ten"))
                .hasMessage("--sessions: \"ten\" (expected: an integer >= 0)");
        assertThatThrownBy(() -> LoadArgs.parse("paused", "--sessions", "0")).hasMessage("--sessions: 0 (expected: > 0)");
        assertThatThrownBy(() -> LoadArgs.parse("stream", "--io-threads", "-1")).hasMessageContaining("--io-threads");
    }

    @Test
    void zeroIsAllowedWhereItMeansNone() {
        assertThat(LoadArgs.parse("open-rate", "--warmup", "0").number("warmup")).isZero();
        assertThat(LoadArgs.parse("stream", "--io-threads", "0").number("io-threads")).isZero();
    }

    @Test
    void anyServerUrlWithItsCredentialsIsAccepted() {
        LoadArgs a = LoadArgs.parse("paused", "--url", "wss://gw.example.com:8443/api/v1/audiohook/ws",
                "--api-key", "k1", "--secret", "", "--server-pid", "4242", "--insecure", "true");

        assertThat(a.url()).contains(java.net.URI.create("wss://gw.example.com:8443/api/v1/audiohook/ws"));
        assertThat(a.string("api-key")).isEqualTo("k1");
        assertThat(a.string("secret")).isEmpty();
        assertThat(a.number("server-pid")).isEqualTo(4242);
        assertThat(a.bool("insecure")).isTrue();
        assertThat(LoadArgs.parse("stream").url()).isEmpty();
        assertThat(LoadArgs.parse("stream").string("api-key")).isEqualTo(BenchServerMain.KEY);
    }

    @Test
    void aUrlThatIsNoWebSocketUrlOrAPidWithoutUrlIsRejected() {
        assertThatThrownBy(() -> LoadArgs.parse("paused", "--url", "http://127.0.0.1:8443/ws"))
                .hasMessage("--url: \"http://127.0.0.1:8443/ws\" (expected: ws://host[:port]/path or wss://host[:port]/path)");
        assertThatThrownBy(() -> LoadArgs.parse("paused", "--url", "ws:///no-host"))
                .hasMessageStartingWith("--url: \"ws:///no-host\"");
        assertThatThrownBy(() -> LoadArgs.parse("paused", "--server-pid", "12"))
                .hasMessageStartingWith("--server-pid: 12 (expected: only with --url");
        assertThatThrownBy(() -> LoadArgs.parse("paused", "--insecure", "yes"))
                .hasMessage("--insecure: \"yes\" (expected: true or false)");
    }
}

package dev.voicegate.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    private static final String OPEN = """
            audiohook:
              port: 0
              apiKeys: [{key: "SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh", secret: "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU="}]
            gating:
              mode: open
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("voicegate.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private static ConfigLoader.Loaded load(Path file, Map<String, String> env) {
        return new ConfigLoader(env).load(file);
    }

    @Test
    void aFileReferenceInAKeyThatIsNoSecretIsRefusedWithoutReadingIt() throws IOException {
        Path notSecret = dir.resolve("passwd");
        Files.writeString(notSecret, "root:x:0:0:root:/root:/bin/bash\n");
        String yaml = "audiohook:\n  apiKeys: [{key: \"k1\", secret: \"\"}]\ngating: {mode: \"${file:" + notSecret + "}\"}\n";
        assertThatThrownBy(() -> load(write(yaml), Map.of()))
                .hasMessageContaining("gating.mode: ${file:" + notSecret + "} (expected: a literal value or ${env:NAME}")
                .hasMessageNotContaining("root:x");
        // the same through an environment override
        assertThatThrownBy(() -> load(write(OPEN), Map.of("VOICEGATE_GATING_MODE", "${file:" + notSecret + "}")))
                .hasMessageNotContaining("root:x");
    }

    @Test
    void secretFilesAreBoundedAndRegular() throws IOException {
        Path big = dir.resolve("big");
        Files.write(big, new byte[SecretReferences.MAX_FILE_BYTES + 1]);
        String template = "audiohook:\n  apiKeys: [{key: \"k1\", secret: \"${file:%s}\"}]\ngating: {mode: open}\n";
        assertThatThrownBy(() -> load(write(template.formatted(big)), Map.of()))
                .hasMessageContaining("a file of at most 65536 bytes");
        assertThatThrownBy(() -> load(write(template.formatted("/dev/zero")), Map.of()))
                .hasMessageContaining("${file:/dev/zero} (expected: a regular file)");
    }

    @Test
    void aValueFromAReferenceIsMaskedInErrorMessages() throws IOException {
        String yaml = "audiohook:\n  apiKeys: [{key: \"k1\", secret: \"\"}]\ngating: {mode: \"${env:MODE}\"}\n";
        assertThatThrownBy(() -> load(write(yaml), Map.of("MODE", "hunter2-not-a-mode")))
                .hasMessageContaining("gating.mode")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void keyMaterialWrittenInClearIsMaskedAndDurationsAreNot() throws IOException {
        String aesKey = java.util.Base64.getEncoder().encodeToString(new byte[32]).replace("A", "Q");
        ConfigLoader.Loaded l = load(write("""
                audiohook:
                  apiKeys: [{key: "k1", secret: ""}]
                gating: {mode: open}
                biometrics:
                  encryptionKeys: [{id: k1, key: "%s"}]
                """.formatted(aesKey)), Map.of());
        assertThat(l.maskedYaml()).doesNotContain(aesKey).contains("tokenCacheTtl: 1m");
    }

    @Test
    void appliesDocumentedDefaultsToAMinimalOpenConfig() throws IOException {
        VoiceGateConfig c = load(write(OPEN), Map.of()).config();
        assertThat(c.audiohook().path()).isEqualTo("/api/v1/audiohook/ws");
        assertThat(c.admin().port()).isEqualTo(9090);
        assertThat(c.gating().modeValue()).isEqualTo(GatingSection.Mode.OPEN);
        assertThat(c.gating().matchTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.gating().eventTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.genesys().agentSyncInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.audiohook().authMode()).isEqualTo("request");
    }

    @Test
    void agentHandshakeLimitsHaveTheirDefaultsAndAreValidatedByKey() throws IOException {
        VoiceGateConfig c = load(write(OPEN), Map.of()).config();
        assertThat(c.agent().handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.agent().maxPendingConnectionsPerSource()).isEqualTo(64);
        assertThat(ComponentConfigs.of(c).agent().handshake())
                .isEqualTo(dev.voicegate.notifier.config.HandshakeLimits.defaults());

        VoiceGateConfig tuned = load(write(OPEN + "agent:\n  handshakeTimeout: 2s\n  maxPendingConnectionsPerSource: 500\n"),
                Map.of()).config();
        assertThat(ComponentConfigs.of(tuned).agent().handshake())
                .isEqualTo(new dev.voicegate.notifier.config.HandshakeLimits(Duration.ofSeconds(2), 500));

        assertThatThrownBy(() -> load(write(OPEN + "agent:\n  handshakeTimeout: 10m\n"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("agent.handshakeTimeout: 600000ms (expected: 100ms..5m)");
        assertThatThrownBy(() -> load(write(OPEN + "agent:\n  handshakeTimeout: 0s\n"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("agent.handshakeTimeout: 0s (expected: > 0)");
        assertThatThrownBy(() -> load(write(OPEN + "agent:\n  maxPendingConnectionsPerSource: 0\n"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("agent.maxPendingConnectionsPerSource: 0 (expected: > 0)");
    }

    @Test
    void environmentOverridesScalarsListsAndDurations() throws IOException {
        Map<String, String> env = Map.of(
                "VOICEGATE_GATING_MATCH_TIMEOUT", "15s",
                "VOICEGATE_ADMIN_PORT", "9191",
                "VOICEGATE_AUDIOHOOK_ORGANIZATION_IDS", "d7934305-0972-4844-938e-9060eef73d05, 11111111-2222-3333-4444-555555555555",
                "VOICEGATE_AUDIOHOOK_API_KEYS", "[{\"key\":\"abc123\",\"secret\":\"\"}]");
        VoiceGateConfig c = load(write(OPEN), env).config();
        assertThat(c.gating().matchTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.admin().port()).isEqualTo(9191);
        assertThat(c.audiohook().organizationIds()).hasSize(2);
        assertThat(c.audiohook().apiKeys()).containsExactly(new AudioHookSection.ApiKey("abc123", ""));
    }

    @Test
    void warnsAboutEnvironmentVariablesThatNameNoKey() throws IOException {
        ConfigLoader.Loaded l = load(write(OPEN), Map.of("VOICEGATE_GATING_MATCHTIMEOUT", "5s", "VOICEGATE_JAVA_OPTS", "-Xmx1g"));
        assertThat(l.warnings()).singleElement().asString().contains("VOICEGATE_GATING_MATCHTIMEOUT");
    }

    @Test
    void resolvesSecretReferencesFromEnvironmentAndFiles() throws IOException {
        Path secretFile = dir.resolve("secret.txt");
        Files.writeString(secretFile, "file-secret\n");
        String yaml = """
                audiohook:
                  apiKeys: [{key: "k1abcdef", secret: "${env:AH_SECRET}"}]
                gating: {mode: gated}
                genesys:
                  region: mypurecloud.ie
                  clientId: client-1
                  clientSecret: "${file:%s}"
                  groups: [g1]
                """.formatted(secretFile);
        ConfigLoader.Loaded l = load(write(yaml), Map.of("AH_SECRET", "c2VjcmV0"));
        assertThat(l.config().genesys().clientSecret()).isEqualTo("file-secret");
        assertThat(l.config().audiohook().apiKeys().get(0).secret()).isEqualTo("c2VjcmV0");
        assertThat(l.maskedYaml()).doesNotContain("file-secret").doesNotContain("c2VjcmV0").contains("<masked>")
                .doesNotContain("k1abcdef");
    }

    @Test
    void theAdminTokenComesFromASecretReferenceIsMaskedAndIsValidated() throws IOException {
        assertThat(load(write(OPEN), Map.of()).config().admin().apiEnabled()).as("default: admin API off").isFalse();
        Path tokenFile = dir.resolve("admin-token");
        String token = "adm1n-T0ken-0123456789abcdefghijklmnopqrstuv";
        Files.writeString(tokenFile, token + "\n");
        ConfigLoader.Loaded fromFile = load(write(OPEN + "admin:\n  token: \"${file:" + tokenFile + "}\"\n"), Map.of());
        assertThat(fromFile.config().admin().token()).isEqualTo(token);
        assertThat(fromFile.config().admin().apiEnabled()).isTrue();
        assertThat(fromFile.maskedYaml()).doesNotContain(token).contains("token: <masked>");
        ConfigLoader.Loaded fromEnv = load(write(OPEN + "admin:\n  token: \"${env:ADMIN_TOKEN}\"\n"), Map.of("ADMIN_TOKEN", token));
        assertThat(fromEnv.config().admin().token()).isEqualTo(token);
        assertThat(fromEnv.maskedYaml()).doesNotContain(token);
        // written in clear it is still masked
        assertThat(load(write(OPEN + "admin:\n  token: \"" + token + "\"\n"), Map.of()).maskedYaml()).doesNotContain(token);

        assertThatThrownBy(() -> load(write(OPEN + "admin:\n  token: \"${env:ADMIN_TOKEN}\"\n"), Map.of("ADMIN_TOKEN", "short-secret")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("admin.token: <masked, 12 characters> (expected: at least 32 characters")
                .hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> load(write(OPEN + "admin:\n  token: \"" + "with space ".repeat(4) + "\"\n"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("admin.token: <masked> (expected: printable ASCII without spaces");
    }

    @Test
    void namesTheKeyWhenASecretReferenceCannotBeResolved() throws IOException {
        String yaml = OPEN.replace("secret: \"TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=\"", "secret: \"${env:NOPE}\"");
        assertThatThrownBy(() -> load(write(yaml), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("audiohook.apiKeys[0].secret: ${env:NOPE} (expected: environment variable NOPE to be set)");
    }

    @Test
    void rejectsUnknownKeysNamingThemAndTheKnownOnes() throws IOException {
        assertThatThrownBy(() -> load(write(OPEN + "  matchTimout: 5s\n"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("gating.matchTimout: unknown key (expected one of: ")
                .hasMessageContaining("matchTimeout");
    }

    @Test
    void rejectsAWrongTypeNamingKeyValueAndExpectation() throws IOException {
        assertThatThrownBy(() -> load(write(OPEN.replace("port: 0", "port: eighty")), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("audiohook.port: \"eighty\" (expected: an integer)");
    }

    @Test
    void rejectsANegativeDurationLikeTheHouseStyleSays() throws IOException {
        assertThatThrownBy(() -> load(write(OPEN + "  matchTimeout: -1s\n"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("gating.matchTimeout: -1s (expected: > 0)");
    }

    @Test
    void rejectsADurationWithoutUnit() throws IOException {
        assertThatThrownBy(() -> load(write(OPEN + "  matchTimeout: 10\n"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("gating.matchTimeout: 10 (expected: a duration with a unit");
    }

    @Test
    void rejectsAnOutOfRangePortAndAnUnknownMode() throws IOException {
        assertThatThrownBy(() -> load(write(OPEN.replace("port: 0", "port: 70000")), Map.of()))
                .hasMessage("audiohook.port: 70000 (expected: 0..65535, 0 = chosen by the OS)");
        assertThatThrownBy(() -> load(write(OPEN.replace("mode: open", "mode: sometimes")), Map.of()))
                .hasMessage("gating.mode: sometimes (expected: gated | open)");
    }

    @Test
    void refusesGatedModeWithoutGenesysCredentialsAndSaysWhatIsMissing() throws IOException {
        assertThatThrownBy(() -> load(write(OPEN.replace("mode: open", "mode: gated")), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gating.mode: gated needs Genesys credentials")
                .hasMessageContaining("genesys.clientId")
                .hasMessageContaining("genesys.groups / genesys.queues");
    }

    @Test
    void rejectsASecretThatIsNotBase64WithoutEchoingIt() throws IOException {
        assertThatThrownBy(() -> load(write(OPEN.replace("TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=", "not base64 !!")), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("secret: <masked> (expected: base64")
                .hasMessageNotContaining("not base64 !!");
    }

    @Test
    void reportsTheLineOfInvalidYaml() throws IOException {
        assertThatThrownBy(() -> load(write("audiohook:\n  port: [1,\n"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML")
                .hasMessageContaining("line ");
    }

    @Test
    void requiresAtLeastOneApiKey() throws IOException {
        assertThatThrownBy(() -> load(write("gating: {mode: open}\n"), Map.of()))
                .hasMessageStartingWith("audiohook.apiKeys: [] (expected: at least one {key, secret}");
    }

    @Test
    void reportsAMissingFile() {
        assertThatThrownBy(() -> load(dir.resolve("absent.yaml"), Map.of()))
                .hasMessageEndingWith("absent.yaml does not exist");
    }

    @Test
    void envNamesFollowCamelCaseToUpperSnake() {
        assertThat(EnvOverrides.envName(List.of("gating", "matchTimeout"))).isEqualTo("VOICEGATE_GATING_MATCH_TIMEOUT");
        assertThat(EnvOverrides.envName(List.of("genesys", "agentSyncInterval"))).isEqualTo("VOICEGATE_GENESYS_AGENT_SYNC_INTERVAL");
    }

    @Test
    void durationsParseAndPrintBothWays() {
        assertThat(Durations.parse("k", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("k", "1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("k", "PT10S")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
    }
}

package dev.voicegate.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code cluster.*}: off by default, the defaults, and every bad value named with what is expected. */
class ClusterConfigTest {
    private static final String KEYS = """
            audiohook:
              apiKeys: [{key: "k1", secret: ""}]
            gating: {mode: open}
            """;
    private static final String POSTGRES = """
            biometrics:
              encryptionKeys: [{id: k1, key: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}]
              store: postgres
              postgresUrl: jdbc:postgresql://127.0.0.1:5432/voicegate
            """;

    @TempDir
    Path dir;

    private VoiceGateConfig load(String yaml) throws IOException {
        Path f = dir.resolve("voicegate.yaml");
        Files.writeString(f, KEYS + yaml);
        return new ConfigLoader(Map.of()).load(f).config();
    }

    @Test
    void offByDefaultWithTheDocumentedDefaults() throws IOException {
        ClusterSection c = load("").cluster();
        assertThat(c.enabled()).isFalse();
        assertThat(c.instanceId()).isEmpty();
        assertThat(c.heartbeat()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.peerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.commandTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void onWithPostgresAndItsValues() throws IOException {
        ClusterSection c = load(POSTGRES + "cluster: {enabled: true, instanceId: gw-a, heartbeat: 500ms, peerTimeout: 3s}\n")
                .cluster();
        assertThat(c.enabled()).isTrue();
        assertThat(c.instanceId()).isEqualTo("gw-a");
        assertThat(c.heartbeat()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.peerTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void needsThePostgresStore() {
        assertThatThrownBy(() -> load("""
                biometrics:
                  encryptionKeys: [{id: k1, key: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}]
                cluster: {enabled: true}
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster.enabled").hasMessageContaining("biometrics.store: postgres");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> load(POSTGRES + "cluster: {enabled: true, instanceId: \"gw a/1\"}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.instanceId").hasMessageContaining("gw a/1");
        assertThatThrownBy(() -> load(POSTGRES + "cluster: {enabled: true, heartbeat: 2s, peerTimeout: 3s}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.peerTimeout")
                .hasMessageContaining(">= 2 × cluster.heartbeat");
        assertThatThrownBy(() -> load(POSTGRES + "cluster: {enabled: true, commandTimeout: 0s}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.commandTimeout");
        assertThatThrownBy(() -> load(POSTGRES + "cluster: {enabled: true, leader: x}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("leader");
    }
}

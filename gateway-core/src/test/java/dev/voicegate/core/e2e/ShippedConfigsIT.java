package dev.voicegate.core.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicegate.testing.genesys.FakeGenesysCloud;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every config the repository ships starts {@code voicegate serve} (the packaged jar, as a user runs
 * it) to a ready {@code /readyz}, and {@code voicegate config} accepts it. The only changes are what a
 * user must supply anyway: secrets and Genesys ids by environment, and ports chosen by the OS
 * ({@code VOICEGATE_*_PORT=0}) so tests never collide; every other value is the file's or the default.
 */
class ShippedConfigsIT {
    private static final String KEY = "SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh";
    private static final String SECRET = "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=";
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private static Map<String, String> osPorts() {
        Map<String, String> env = new HashMap<>();
        env.put("VOICEGATE_AUDIOHOOK_PORT", "0");
        env.put("VOICEGATE_ADMIN_PORT", "0");
        env.put("VOICEGATE_AGENT_PORT", "0");
        return env;
    }

    /** What a gated shipped config needs from its user: the AudioHook and Genesys secrets, the org's URLs and a group. */
    private static Map<String, String> gatedEnv(FakeGenesysCloud genesys) {
        String group = "2e1f6d4a-8b3c-4a90-b7e2-5c9d0f1a3b46";
        genesys.addGroupMember(group, genesys.addAgent("Ada"));
        Map<String, String> env = osPorts();
        env.put("AUDIOHOOK_API_KEY", KEY);
        env.put("AUDIOHOOK_CLIENT_SECRET", SECRET);
        env.put("GENESYS_CLIENT_ID", FakeGenesysCloud.CLIENT_ID);
        env.put("GENESYS_CLIENT_SECRET", FakeGenesysCloud.CLIENT_SECRET);
        env.put("VOICEGATE_GENESYS_API_BASE_URL", genesys.apiBaseUrl());
        env.put("VOICEGATE_GENESYS_LOGIN_BASE_URL", genesys.loginBaseUrl());
        env.put("VOICEGATE_GENESYS_GROUPS", group);
        return env;
    }

    private static void bootsAndStops(Path config, Map<String, String> env) throws Exception {
        try (ServeProcess check = ServeProcess.run(List.of("config", "--config", config.toString()), env)) {
            assertThat(check.awaitExit()).as("voicegate config accepts %s:%n%s", config, check.output()).isZero();
            assertThat(check.output()).doesNotContain(SECRET);
        }
        try (ServeProcess serve = ServeProcess.run(List.of("serve", "--config", config.toString()), env)) {
            serve.awaitStarted();
            assertThat(serve.admin("/readyz").statusCode()).as("ready with %s", config).isEqualTo(200);
            assertThat(serve.terminate()).isNotEqualTo(1);
            assertThat(serve.output()).contains("stopped").doesNotContain(SECRET);
        }
    }

    @Test
    void theOpenModeExampleBoots() throws Exception {
        bootsAndStops(REPO.resolve("docs/config/open.yaml"), osPorts());
    }

    @Test
    void theContainerConfigBootsWithTheVariablesComposePasses() throws Exception {
        Map<String, String> env = osPorts();
        env.put("AUDIOHOOK_API_KEY", KEY);
        env.put("AUDIOHOOK_CLIENT_SECRET", SECRET);
        bootsAndStops(REPO.resolve("docker/voicegate.yaml"), env);
    }

    @Test
    void theGatedExampleBootsAgainstAGenesysOrganisation() throws Exception {
        try (FakeGenesysCloud genesys = FakeGenesysCloud.builder().start()) {
            Map<String, String> env = gatedEnv(genesys);
            bootsAndStops(REPO.resolve("docs/config/gated.yaml"), env);
        }
    }

    @Test
    void thePostgresExampleBootsOnARealPostgreSqlServerAndCreatesItsSchema() throws Exception {
        String url = dev.voicegate.testing.postgres.PostgresServer.shared().createDatabase("shipped");
        try (FakeGenesysCloud genesys = FakeGenesysCloud.builder().start()) {
            Map<String, String> env = gatedEnv(genesys);
            env.put("VOICEGATE_BIOMETRICS_DATA_DIR", dir.resolve("data").toString());
            env.put("VOICEGATE_STORE_KEY_K1", java.util.Base64.getEncoder().encodeToString(new byte[32]));
            env.put("VOICEGATE_PSEUDONYM_KEY", java.util.Base64.getEncoder().encodeToString("pseudonym-key-pseudonym-key-0123".getBytes()));
            env.put("VOICEGATE_POSTGRES_URL", url);
            env.put("VOICEGATE_POSTGRES_PASSWORD", "not-needed-with-trust-authentication");
            // the test cluster's superuser (the shipped file names the conventional 'voicegate' user too)
            assertThat(dev.voicegate.testing.postgres.PostgresServer.USER).isEqualTo("voicegate");
            bootsAndStops(REPO.resolve("docs/config/postgres.yaml"), env);
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, dev.voicegate.testing.postgres.PostgresServer.USER, "");
             java.sql.ResultSet r = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'voiceprint'")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).as("serve created the store's schema in PostgreSQL").isEqualTo(1);
        }
    }

    @Test
    void aMinimalConfigBootsOnDefaults() throws Exception {
        Path config = dir.resolve("minimal.yaml");
        Files.writeString(config, """
                audiohook:
                  apiKeys: [{key: "%s", secret: "${env:AH_SECRET}"}]
                gating: {mode: open}
                """.formatted(KEY));
        Map<String, String> env = osPorts();
        env.put("AH_SECRET", SECRET);
        bootsAndStops(config, env);
    }

    @Test
    void noConfiguredSecretAppearsInTheOutputOfAFullRun() throws Exception {
        String aes = java.util.Base64.getEncoder().encodeToString("0123456789abcdef0123456789ABCDEF".getBytes());
        String token = java.util.Base64.getEncoder().encodeToString("token-secret-token-secret-token-secret!".getBytes());
        String pseudonym = java.util.Base64.getEncoder().encodeToString("pseudonym-key-pseudonym-key-0123".getBytes());
        try (FakeGenesysCloud genesys = FakeGenesysCloud.builder().start()) {
            String group = "2e1f6d4a-8b3c-4a90-b7e2-5c9d0f1a3b46";
            genesys.addGroupMember(group, genesys.addAgent("Ada"));
            Path config = dir.resolve("full.yaml");
            Files.writeString(config, """
                    audiohook:
                      host: 127.0.0.1
                      apiKeys: [{key: "%s", secret: "%s"}]
                    admin: {host: 127.0.0.1}
                    genesys:
                      apiBaseUrl: %s
                      loginBaseUrl: %s
                      clientId: %s
                      clientSecret: "${env:GENESYS_SECRET}"
                      groups: [%s]
                    agent: {host: 127.0.0.1, tokenSecret: "%s"}
                    biometrics:
                      dataDir: %s
                      encryptionKeys: [{id: k1, key: "%s"}]
                      pseudonymKey: "%s"
                    """.formatted(KEY, SECRET, genesys.apiBaseUrl(), genesys.loginBaseUrl(), FakeGenesysCloud.CLIENT_ID, group,
                    token, dir.resolve("data"), aes, pseudonym));
            Map<String, String> env = osPorts();
            env.put("GENESYS_SECRET", FakeGenesysCloud.CLIENT_SECRET);
            List<String> secrets = List.of(SECRET, FakeGenesysCloud.CLIENT_SECRET, token, aes, pseudonym);
            try (ServeProcess check = ServeProcess.run(List.of("config", "--config", config.toString()), env)) {
                assertThat(check.awaitExit()).as(check.output()).isZero();
                secrets.forEach(x -> assertThat(check.output()).as("config output").doesNotContain(x));
            }
            try (ServeProcess serve = ServeProcess.run(List.of("serve", "--config", config.toString()), env)) {
                serve.awaitStarted();
                assertThat(serve.admin("/readyz").statusCode()).isEqualTo(200);
                String metrics = serve.admin("/metrics").body();
                serve.terminate();
                secrets.forEach(x -> assertThat(serve.output()).as("serve log").doesNotContain(x));
                secrets.forEach(x -> assertThat(metrics).as("metrics").doesNotContain(x));
            }
        }
    }

    @Test
    void aPortInUseStopsEverythingAndNamesThePortAndItsKey() throws Exception {
        Path config = dir.resolve("clash.yaml");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Files.writeString(config, """
                    audiohook:
                      host: 127.0.0.1
                      port: 0
                      apiKeys: [{key: "%s", secret: ""}]
                    admin: {host: 127.0.0.1, port: %d}
                    gating: {mode: open}
                    """.formatted(KEY, taken.getLocalPort()));
            try (ServeProcess serve = ServeProcess.run(List.of("serve", "--config", config.toString()), Map.of())) {
                assertThat(serve.awaitExit()).as(serve.output()).isEqualTo(1);
                assertThat(serve.output())
                        .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort() + " for the admin (admin.port): address already in use")
                        .doesNotContain("\tat ");
            }
        }
    }
}

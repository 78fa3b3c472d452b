package dev.voicegate.core.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.WavReader;
import dev.voicegate.testing.genesys.FakeGenesysCloud;
import dev.voicegate.testing.postgres.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment kit under {@code docker/kit}, tested without a container engine (none exists on the build
 * machine, so no image is built and no container runs here):
 * <ul>
 *   <li>every YAML and JSON file of the kit parses, and the files agree with each other and with the gateway
 *       config they run: secrets, environment variable names, ports, probe paths, scrape targets, proxy upstreams;</li>
 *   <li>the gateway config compose runs boots {@code serve} twice at once on one PostgreSQL database, and the one
 *       embedded in the Kubernetes ConfigMap boots and answers the Deployment's probes, each from the packaged
 *       jar with the secrets {@code make-secrets.sh} writes and the environment compose / the Deployment set;</li>
 *   <li>every metric the Grafana dashboard and the Prometheus alert rules query, with every label they match or
 *       group by, is in the {@code /metrics} of a gated gateway on PostgreSQL that has handled a call.</li>
 * </ul>
 * The only changes to what the kit's files say are what a container provides or a test must choose: the
 * {@code /run/secrets/} mount is a temporary directory, the data directory a temporary one, the database the test
 * server's (user {@code voicegate}, as the kit), Genesys the fake's base URLs and client id, ports chosen by the OS.
 * Meters that appear with their first event (rejections by reason, channel reconnects) are made to appear: the
 * gateway of the metrics test handles a call, refuses an upgrade and reconnects a notification socket.
 */
class DeploymentKitIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path KIT = REPO.resolve("docker/kit");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECRET_FILE = Pattern.compile("\\$\\{file:/run/secrets/([^}]+)}");
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{env:([^}]+)}");
    private static final String GROUP = "2e1f6d4a-8b3c-4a90-b7e2-5c9d0f1a3b46";
    private static final String UNKNOWN_ENV = "does not name a config key";
    /** The compose services that run the gateway (both with the same config). */
    private static final List<String> GATEWAYS = List.of("gateway-a", "gateway-b");

    @TempDir
    Path dir;

    // ---- every file parses ----

    @Test
    void everyYamlAndJsonFileOfTheKitParses() throws Exception {
        List<String> parsed = new ArrayList<>();
        try (Stream<Path> files = Files.walk(KIT)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                String rel = KIT.relativize(f).toString();
                try {
                    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                        List<JsonNode> docs = yamlDocuments(f);
                        assertThat(docs).as(rel).isNotEmpty().allMatch(JsonNode::isObject);
                        parsed.add(rel);
                    } else if (name.endsWith(".json")) {
                        assertThat(JSON.readTree(f.toFile()).isObject()).as(rel).isTrue();
                        parsed.add(rel);
                    }
                } catch (Exception e) {
                    throw new AssertionError(rel + " does not parse: " + e.getMessage(), e);
                }
            }
        }
        assertThat(parsed).containsExactlyInAnyOrder("compose.yaml", "voicegate.yaml", "k8s/voicegate.yaml",
                "prometheus/prometheus.yml", "prometheus/alerts.yml", "grafana/provisioning/datasources/prometheus.yaml",
                "grafana/provisioning/dashboards/voicegate.yaml", "grafana/dashboards/voicegate.json");
        assertThat(yaml(configMapConfig(k8sDocs())).isObject()).as("the ConfigMap's voicegate.yaml").isTrue();
    }

    // ---- the files agree with each other ----

    @Test
    void composeRunsPostgresTwoGatewaysTheProxyPrometheusAndGrafanaWithWhatTheConfigReads() throws Exception {
        JsonNode compose = yaml(KIT.resolve("compose.yaml"));
        JsonNode services = compose.path("services");
        assertThat(fieldNames(services)).containsExactlyInAnyOrder("postgres", "gateway-a", "gateway-b", "proxy",
                "prometheus", "grafana");
        String configText = Files.readString(KIT.resolve("voicegate.yaml"));
        Set<String> secretsRead = refs(SECRET_FILE, configText);
        assertThat(secretsRead).containsExactlyInAnyOrder("audiohook-client-secret", "admin-token", "genesys-client-secret",
                "store-key-k1", "pseudonym-key", "postgres-password");
        Set<String> declared = fieldNames(compose.path("secrets"));
        for (String gw : GATEWAYS) {
            JsonNode g = services.path(gw);
            List<String> command = strings(g.path("command"));
            assertThat(command).as(gw).containsExactly("serve", "--config", "/etc/voicegate/kit.yaml");
            JsonNode cfg = g.path("configs").get(0);
            assertThat(cfg.path("target").asText()).as(gw).isEqualTo("/etc/voicegate/kit.yaml");
            assertThat(compose.path("configs").path(cfg.path("source").asText()).path("file").asText()).isEqualTo("./voicegate.yaml");
            assertThat(strings(g.path("secrets"))).as("%s mounts every secret its config reads", gw).containsAll(secretsRead);
            assertThat(fieldNames(g.path("environment"))).as("%s sets every variable its config reads", gw)
                    .containsAll(refs(ENV_REF, configText));
            assertThat(g.path("volumes").get(0).asText()).as("each gateway has its own data volume")
                    .isEqualTo(gw + "-data:" + yaml(configText).at("/biometrics/dataDir").asText());
            assertThat(g.at("/depends_on/postgres/condition").asText()).isEqualTo("service_healthy");
            assertThat(Duration.parse("PT" + g.path("stop_grace_period").asText().toUpperCase()))
                    .as("%s: stop_grace_period longer than audiohook.drainPeriod", gw)
                    .isGreaterThan(Duration.parse("PT" + yaml(configText).at("/audiohook/drainPeriod").asText().toUpperCase()));
        }
        for (String s : declared) {
            assertThat(compose.path("secrets").path(s).path("file").asText()).isEqualTo("./secrets/" + s);
        }
        assertThat(declared).containsAll(secretsRead).contains("grafana-admin-password");
        assertThat(services.at("/postgres/environment/POSTGRES_PASSWORD_FILE").asText()).isEqualTo("/run/secrets/postgres-password");
        assertThat(services.at("/postgres/environment/POSTGRES_USER").asText())
                .isEqualTo(yaml(configText).at("/biometrics/postgresUser").asText());
        assertThat(yaml(configText).at("/biometrics/postgresUrl").asText())
                .isEqualTo("jdbc:postgresql://postgres:5432/" + services.at("/postgres/environment/POSTGRES_DB").asText());
        assertThat(services.at("/grafana/environment/GF_SECURITY_ADMIN_PASSWORD__FILE").asText())
                .isEqualTo("/run/secrets/grafana-admin-password");
        // the .env the user fills in names every variable compose interpolates
        assertThat(envExample().keySet()).containsAll(interpolated(Files.readString(KIT.resolve("compose.yaml")), true));
        // make-secrets.sh writes every declared secret but the one only the user has
        String script = Files.readString(KIT.resolve("make-secrets.sh"));
        for (String s : declared) {
            if (!s.equals("genesys-client-secret")) {
                assertThat(script).as("make-secrets.sh writes %s", s).containsPattern("\ngen " + Pattern.quote(s) + " ");
            }
        }
    }

    @Test
    void theProxyForwardsAudioHookAndTheAgentAppToThePortsTheConfigGivesAndChecksReadinessOnTheAdminPort() throws Exception {
        JsonNode config = yaml(KIT.resolve("voicegate.yaml"));
        String caddy = Files.readString(KIT.resolve("Caddyfile"));
        Map<String, List<String>> upstreams = caddyUpstreams(caddy);
        List<String> audiohook = GATEWAYS.stream().map(g -> g + ":" + config.at("/audiohook/port").asInt()).toList();
        List<String> agent = GATEWAYS.stream().map(g -> g + ":" + config.at("/agent/port").asInt()).toList();
        String path = config.at("/audiohook/path").asText(dev.voicegate.audiohook.config.AudioHookServerConfig.DEFAULT_PATH);
        assertThat(upstreams).containsOnlyKeys(path, "/agent*").containsEntry(path, audiohook).containsEntry("/agent*", agent);
        int admin = config.at("/admin/port").asInt();
        assertThat(caddy).containsPattern("health_uri /readyz\\s+health_port " + admin);
        assertThat(count(caddy, "health_uri /readyz")).as("both upstream groups are health checked").isEqualTo(2);
        assertThat(caddy).as("the admin port is never proxied").doesNotContainPattern("reverse_proxy[^\\n]*:" + admin);
        JsonNode proxy = yaml(KIT.resolve("compose.yaml")).at("/services/proxy");
        assertThat(strings(proxy.path("volumes"))).contains("./Caddyfile:/etc/caddy/Caddyfile:ro");
        assertThat(strings(proxy.path("ports"))).containsExactlyInAnyOrder("443:443", "80:80");
    }

    @Test
    void prometheusScrapesEveryGatewaysAdminPortAndGrafanaIsProvisionedWithTheDashboard() throws Exception {
        int admin = yaml(KIT.resolve("voicegate.yaml")).at("/admin/port").asInt();
        JsonNode prom = yaml(KIT.resolve("prometheus/prometheus.yml"));
        JsonNode job = prom.path("scrape_configs").get(0);
        assertThat(prom.path("scrape_configs").size()).isEqualTo(1);
        assertThat(job.path("job_name").asText()).isEqualTo("voicegate");
        assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(strings(job.path("static_configs").get(0).path("targets")))
                .containsExactlyElementsOf(GATEWAYS.stream().map(g -> g + ":" + admin).toList());
        assertThat(strings(prom.path("rule_files"))).containsExactly("/etc/prometheus/alerts.yml");
        JsonNode compose = yaml(KIT.resolve("compose.yaml")).path("services");
        assertThat(strings(compose.at("/prometheus/volumes"))).contains("./prometheus:/etc/prometheus:ro");
        assertThat(strings(compose.at("/prometheus/command"))).contains("--config.file=/etc/prometheus/prometheus.yml");
        JsonNode rules = yaml(KIT.resolve("prometheus/alerts.yml")).path("groups").get(0).path("rules");
        assertThat(rules.size()).isPositive();
        for (JsonNode r : rules) {
            assertThat(r.path("alert").asText()).isNotBlank();
            assertThat(r.path("expr").asText()).as(r.path("alert").asText()).isNotBlank();
            assertThat(r.at("/annotations/summary").asText()).as(r.path("alert").asText()).isNotBlank();
        }
        JsonNode ds = yaml(KIT.resolve("grafana/provisioning/datasources/prometheus.yaml")).path("datasources").get(0);
        assertThat(ds.path("type").asText()).isEqualTo("prometheus");
        assertThat(ds.path("url").asText()).isEqualTo("http://prometheus:9090"); // the container port of service prometheus
        assertThat(fieldNames(compose)).contains("prometheus");
        JsonNode provider = yaml(KIT.resolve("grafana/provisioning/dashboards/voicegate.yaml")).path("providers").get(0);
        assertThat(strings(compose.at("/grafana/volumes"))).contains("./grafana/provisioning:/etc/grafana/provisioning:ro",
                "./grafana/dashboards:" + provider.at("/options/path").asText() + ":ro");
        JsonNode dashboard = JSON.readTree(KIT.resolve("grafana/dashboards/voicegate.json").toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("voicegate");
        for (JsonNode p : dashboard.path("panels")) {
            if (!p.path("type").asText().equals("row")) {
                assertThat(p.at("/datasource/uid").asText()).as(p.path("title").asText()).isEqualTo(ds.path("uid").asText());
                assertThat(p.path("targets").size()).as(p.path("title").asText()).isPositive();
            }
        }
        // what issue 13 asks the dashboard to show
        assertThat(titles(dashboard)).contains("Sessions by state", "Match rate", "Match latency (open to bind)",
                "Transactions by result", "Agent sockets", "Genesys channel health", "Store latency by operation");
    }

    @Test
    void theKubernetesExampleProbesTheAdminPortAndMountsAndSetsWhatItsConfigMapReads() throws Exception {
        Map<String, JsonNode> docs = k8sDocs();
        assertThat(docs.keySet()).containsExactlyInAnyOrder("ConfigMap/voicegate-config", "Deployment/voicegate",
                "Service/voicegate-audiohook", "Service/voicegate-agent", "Service/voicegate-admin", "PodDisruptionBudget/voicegate");
        String configText = configMapConfig(docs);
        JsonNode config = yaml(configText);
        JsonNode deployment = docs.get("Deployment/voicegate");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        JsonNode c = container(docs);
        Map<String, Integer> ports = new HashMap<>();
        c.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        assertThat(ports).containsOnly(Map.entry("audiohook", config.at("/audiohook/port").asInt()),
                Map.entry("agent", config.at("/agent/port").asInt()), Map.entry("admin", config.at("/admin/port").asInt()));
        assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
        assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
        assertThat(c.at("/readinessProbe/httpGet/port").asText()).isEqualTo("admin");
        assertThat(c.at("/livenessProbe/httpGet/port").asText()).isEqualTo("admin");
        assertThat(strings(c.path("args"))).containsExactly("serve", "--config", "/etc/voicegate/voicegate.yaml");
        Map<String, String> mounts = new HashMap<>();
        c.path("volumeMounts").forEach(m -> mounts.put(m.path("name").asText(), m.path("mountPath").asText()));
        assertThat(mounts).containsEntry("config", "/etc/voicegate").containsEntry("secrets", "/run/secrets")
                .containsEntry("data", config.at("/biometrics/dataDir").asText());
        Map<String, JsonNode> volumes = new HashMap<>();
        deployment.at("/spec/template/spec/volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        assertThat(volumes.get("config").at("/configMap/name").asText()).isEqualTo("voicegate-config");
        assertThat(volumes.get("secrets").at("/secret/secretName").asText()).isEqualTo("voicegate-secrets");
        assertThat(fieldNames(docs.get("ConfigMap/voicegate-config").path("data"))).containsExactly("voicegate.yaml");
        assertThat(k8sEnv(c).keySet()).as("the Deployment sets every variable its config reads")
                .containsAll(refs(ENV_REF, configText));
        // the kubectl command in the header creates the Secret with every file the config reads
        String header = Files.readString(KIT.resolve("k8s/voicegate.yaml"));
        for (String s : refs(SECRET_FILE, configText)) {
            assertThat(header).as("the Secret is created with %s", s).contains("--from-file=" + s);
        }
        assertThat(Duration.ofSeconds(deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asInt()))
                .as("terminationGracePeriodSeconds longer than audiohook.drainPeriod")
                .isGreaterThan(Duration.parse("PT" + config.at("/audiohook/drainPeriod").asText().toUpperCase()));
        JsonNode selector = deployment.at("/spec/selector/matchLabels");
        assertThat(deployment.at("/spec/template/metadata/labels")).isEqualTo(selector);
        for (String s : List.of("audiohook", "agent", "admin")) {
            JsonNode svc = docs.get("Service/voicegate-" + s);
            assertThat(svc.at("/spec/selector")).as(s).isEqualTo(selector);
            assertThat(svc.at("/spec/ports/0/targetPort").asText()).as(s).isEqualTo(s);
            assertThat(svc.at("/spec/ports/0/port").asInt()).as(s).isEqualTo(ports.get(s));
        }
        assertThat(docs.get("Service/voicegate-agent").at("/spec/sessionAffinity").asText()).isEqualTo("ClientIP");
        assertThat(docs.get("PodDisruptionBudget/voicegate").at("/spec/minAvailable").asInt()).isEqualTo(1);
        assertThat(docs.get("PodDisruptionBudget/voicegate").at("/spec/selector/matchLabels")).isEqualTo(selector);
        assertThat(deployment.at("/spec/template/metadata/annotations/prometheus.io~1port").asInt())
                .isEqualTo(config.at("/admin/port").asInt());
    }

    // ---- the configs boot ----

    @Test
    void theComposeGatewayConfigBootsTwoGatewaysAtOnceOnOnePostgreSqlDatabase() throws Exception {
        String url = PostgresServer.shared().createDatabase("kit_compose");
        Path secrets = makeSecrets();
        Path config = asMounted(KIT.resolve("voicegate.yaml"), secrets);
        JsonNode services = yaml(KIT.resolve("compose.yaml")).path("services");
        try (FakeGenesysCloud genesys = FakeGenesysCloud.builder().start()) {
            genesys.addGroupMember(GROUP, genesys.addAgent("Ada"));
            // the .env the user writes from env.example, with the fake organisation's client id and group
            Map<String, String> dotEnv = envExample();
            dotEnv.put("GENESYS_CLIENT_ID", FakeGenesysCloud.CLIENT_ID);
            dotEnv.put("GENESYS_GROUPS", GROUP);
            Map<String, Map<String, String>> envs = new LinkedHashMap<>();
            for (String gw : GATEWAYS) {
                Map<String, String> env = composeEnvironment(services.path(gw).path("environment"), dotEnv);
                env.putAll(containerProvides(genesys, dir.resolve(gw)));
                env.put("VOICEGATE_BIOMETRICS_POSTGRES_URL", url); // instead of the compose host name "postgres"
                envs.put(gw, env);
            }
            try (ServeProcess check = ServeProcess.run(List.of("config", "--config", config.toString()), envs.get("gateway-a"))) {
                assertThat(check.awaitExit()).as(check.output()).isZero();
                assertThat(check.output()).doesNotContain(UNKNOWN_ENV);
            }
            try (ServeProcess a = ServeProcess.run(List.of("serve", "--config", config.toString()), envs.get("gateway-a"));
                 ServeProcess b = ServeProcess.run(List.of("serve", "--config", config.toString()), envs.get("gateway-b"))) {
                a.awaitStarted();
                b.awaitStarted();
                for (ServeProcess p : List.of(a, b)) {
                    assertThat(p.admin("/readyz").statusCode()).as(p.output()).isEqualTo(200);
                    assertThat(p.admin("/healthz").statusCode()).isEqualTo(200);
                    assertThat(p.output()).contains("gating.mode gated").doesNotContain(UNKNOWN_ENV);
                }
                assertThat(a.terminate()).as("exit on SIGTERM (143 = the JVM's 128 + 15): %s", a.output()).isIn(0, 143);
                assertThat(b.terminate()).as("exit on SIGTERM (143 = the JVM's 128 + 15): %s", b.output()).isIn(0, 143);
                for (ServeProcess p : List.of(a, b)) {
                    assertThat(p.output()).contains("stopped");
                    for (Path s : listFiles(secrets)) {
                        assertThat(p.output()).as("the log of serve").doesNotContain(Files.readString(s).strip());
                    }
                }
            }
        }
        assertThat(tables(url)).as("the shared schema").contains("voiceprint");
    }

    @Test
    void theKubernetesConfigMapConfigBootsOnPostgreSqlAndAnswersTheDeploymentsProbes() throws Exception {
        String url = PostgresServer.shared().createDatabase("kit_k8s");
        Path secrets = makeSecrets();
        Map<String, JsonNode> docs = k8sDocs();
        Path raw = dir.resolve("voicegate.yaml");
        Files.writeString(raw, configMapConfig(docs));
        Path config = asMounted(raw, secrets);
        JsonNode c = container(docs);
        Set<String> envRefs = refs(ENV_REF, configMapConfig(docs));
        try (FakeGenesysCloud genesys = FakeGenesysCloud.builder().start()) {
            genesys.addGroupMember(GROUP, genesys.addAgent("Ada"));
            Map<String, String> env = k8sEnv(c);
            env.put("GENESYS_CLIENT_ID", FakeGenesysCloud.CLIENT_ID);
            env.put("VOICEGATE_GENESYS_GROUPS", GROUP);
            String urlVar = envRefs.stream().filter(v -> v.contains("POSTGRES_URL")).findFirst().orElseThrow();
            env.put(urlVar, url); // the example's value names a cluster host
            env.putAll(containerProvides(genesys, dir.resolve("k8s")));
            try (ServeProcess serve = ServeProcess.run(List.of("serve", "--config", config.toString()), env)) {
                serve.awaitStarted();
                assertThat(serve.output()).contains("gating.mode gated").doesNotContain(UNKNOWN_ENV);
                HttpResponse<String> ready = serve.admin(c.at("/readinessProbe/httpGet/path").asText());
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                assertThat(serve.admin(c.at("/livenessProbe/httpGet/path").asText()).statusCode()).isEqualTo(200);
                assertThat(serve.admin("/no-such-probe").statusCode()).as("a path the gateway does not serve").isEqualTo(404);
                assertThat(serve.terminate()).as("exit on SIGTERM (143 = the JVM's 128 + 15): %s", serve.output()).isIn(0, 143);
                assertThat(serve.output()).contains("stopped");
            }
        }
        assertThat(tables(url)).contains("voiceprint");
    }

    // ---- the dashboard's and the alerts' queries name metrics that exist ----

    @Test
    void everyMetricAndLabelTheDashboardAndTheAlertsQueryIsExportedByAGatewayThatHandledACall() throws Exception {
        Map<String, String> queries = new LinkedHashMap<>(); // where -> expression
        Map<String, Set<String>> legends = new HashMap<>();  // where -> labels its legend shows
        JsonNode dashboard = JSON.readTree(KIT.resolve("grafana/dashboards/voicegate.json").toFile());
        for (JsonNode p : dashboard.path("panels")) {
            for (JsonNode t : p.path("targets")) {
                String where = "dashboard panel '" + p.path("title").asText() + "' target " + t.path("refId").asText();
                queries.put(where, t.path("expr").asText());
                legends.put(where, refs(Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}"), t.path("legendFormat").asText()));
            }
        }
        yaml(KIT.resolve("prometheus/alerts.yml")).path("groups").forEach(g -> g.path("rules")
                .forEach(r -> queries.put("alert rule " + r.path("alert").asText(), r.path("expr").asText())));
        assertThat(queries).hasSizeGreaterThan(20);
        Map<String, PromQl.Parsed> parsed = new LinkedHashMap<>();
        queries.forEach((where, expr) -> {
            try {
                parsed.put(where, PromQl.parse(expr));
            } catch (IllegalArgumentException e) {
                throw new AssertionError(where + ": " + e.getMessage(), e);
            }
        });

        String url = PostgresServer.shared().createDatabase("kit_metrics");
        String metrics;
        try (TxFixture f = TxFixture.onPostgres(dir.resolve("data"), "verify", url)) {
            String agent = f.agent("Pia");
            AgentWsClient app = f.app(agent);
            String conv = f.genesys.startCall(agent, "tel:+35315550141", "tel:+35315550999");
            AudioHookClient caller = f.callerWhenEventKnown(conv, WavReader.read(
                    REPO.resolve("biometrics-engine/src/test/resources/corpus-mini/e03-esp-f1/test0-mulaw.wav")));
            await().atMost(Duration.ofSeconds(60)).until(() -> app.sawConversation(conv));
            String admin = "http://127.0.0.1:" + f.gateway.adminPort() + "/metrics";
            await().atMost(Duration.ofSeconds(120)).until(() -> get(admin).contains("voicegate_tx_ended_total{"));
            // the verification is over (the gateway has paused the stream): Genesys hangs up
            caller.close(dev.voicegate.audiohook.protocol.ClientParameters.CloseReasonCode.END);
            caller.closed().get(60, TimeUnit.SECONDS);
            rejectedUpgrade(f.gateway.audiohookPort());
            // a notification channel's socket lost and reconnected: the reconnect counter exists from then on
            f.genesys.dropSockets();
            await().atMost(Duration.ofSeconds(60)).until(() -> get(admin).contains("voicegate_genesys_channel_reconnects_total{"));
            metrics = get(admin);
        }
        Exposition exported = Exposition.parse(metrics);
        List<String> missing = new ArrayList<>();
        parsed.forEach((where, p) -> {
            Set<String> shown = new TreeSet<>(legends.getOrDefault(where, Set.of()));
            shown.removeAll(p.grouping());
            if (!p.grouping().isEmpty() && !shown.isEmpty()) { // an aggregation keeps only the labels it groups by
                missing.add(where + ": the legend shows " + shown + ", which the query does not group by " + p.grouping());
            }
            for (PromQl.Selector s : p.selectors()) {
                if (s.name().equals("up")) {
                    continue; // made by Prometheus for every target
                }
                Set<String> labels = exported.labels.get(s.name());
                if (labels == null) {
                    missing.add(where + ": metric " + s.name() + " is not exported" + exported.hint(s.name()));
                    continue;
                }
                Set<String> wanted = new TreeSet<>(s.labels());
                wanted.addAll(p.grouping());
                wanted.removeAll(Set.of("instance", "job")); // added by Prometheus at scrape
                wanted.removeAll(labels);
                if (!wanted.isEmpty()) {
                    missing.add(where + ": " + s.name() + " has no label " + wanted + " (it has " + labels + ")");
                }
            }
        });
        assertThat(missing).as("queries naming what the gateway does not export").isEmpty();
    }

    /** Sample names with their label names, and the families' types, from a Prometheus text exposition. */
    record Exposition(Map<String, Set<String>> labels, Map<String, String> types) {
        private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");
        private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)");

        static Exposition parse(String text) {
            Map<String, Set<String>> labels = new TreeMap<>();
            Map<String, String> types = new TreeMap<>();
            for (String line : text.split("\n")) {
                Matcher t = TYPE.matcher(line);
                if (t.find()) {
                    types.put(t.group(1), t.group(2));
                    continue;
                }
                Matcher m = SAMPLE.matcher(line);
                if (line.startsWith("#") || !m.find()) {
                    continue;
                }
                Set<String> l = labels.computeIfAbsent(m.group(1), k -> new TreeSet<>());
                if (m.group(3) != null) {
                    Matcher lm = LABEL.matcher(m.group(3));
                    while (lm.find()) {
                        l.add(lm.group(1));
                    }
                }
            }
            assertThat(labels).as("samples in /metrics").hasSizeGreaterThan(50);
            return new Exposition(labels, types);
        }

        /** For a name that is not exported: the family it belongs to and the series that family has, if any. */
        String hint(String name) {
            String base = name.replaceAll("_(bucket|count|sum|max|total|created)$", "");
            List<String> series = labels.keySet().stream().filter(n -> n.startsWith(base)).toList();
            if (series.isEmpty()) {
                return " (nor any series starting with " + base + ")";
            }
            return " (the gateway has " + series + (types.containsKey(base) ? ", " + base + " is a " + types.get(base) : "") + ")";
        }
    }

    // ---- helpers ----

    /** An AudioHook upgrade without credentials: the gateway refuses it (and counts the rejection by reason). */
    private static void rejectedUpgrade(int port) throws Exception {
        try {
            HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                    URI.create("ws://127.0.0.1:" + port + dev.voicegate.audiohook.config.AudioHookServerConfig.DEFAULT_PATH),
                    new WebSocket.Listener() { }).get(30, TimeUnit.SECONDS).abort();
            throw new AssertionError("an upgrade without credentials was accepted");
        } catch (ExecutionException expected) {
            // refused
        }
    }

    /** Runs the kit's own secret generator, then adds the one secret only the user has (the Genesys client secret). */
    private Path makeSecrets() throws Exception {
        Path secrets = dir.resolve("secrets");
        Process p = new ProcessBuilder("sh", KIT.resolve("make-secrets.sh").toString(), secrets.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("genesys-client-secret");
        Files.writeString(secrets.resolve("genesys-client-secret"), FakeGenesysCloud.CLIENT_SECRET);
        return secrets;
    }

    private static List<Path> listFiles(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        }
    }

    /** The config as the container sees it, with its {@code /run/secrets/} mount at {@code secrets}. */
    private Path asMounted(Path config, Path secrets) throws Exception {
        Path out = dir.resolve("mounted-" + config.getFileName());
        String text = Files.readString(config);
        assertThat(text).contains("${file:/run/secrets/");
        Files.writeString(out, text.replace("${file:/run/secrets/", "${file:" + secrets.toAbsolutePath() + "/"));
        return out;
    }

    /** What the container or the test provides instead of the kit: OS-chosen ports, a data directory, the fake's URLs. */
    private static Map<String, String> containerProvides(FakeGenesysCloud genesys, Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("VOICEGATE_AUDIOHOOK_PORT", "0");
        env.put("VOICEGATE_ADMIN_PORT", "0");
        env.put("VOICEGATE_AGENT_PORT", "0");
        env.put("VOICEGATE_BIOMETRICS_DATA_DIR", dataDir.toString());
        env.put("VOICEGATE_GENESYS_API_BASE_URL", genesys.apiBaseUrl());
        env.put("VOICEGATE_GENESYS_LOGIN_BASE_URL", genesys.loginBaseUrl());
        return env;
    }

    /** env.example as the .env file compose reads: NAME=value lines. */
    private static Map<String, String> envExample() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(KIT.resolve("env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int eq = line.indexOf('=');
                assertThat(eq).as("env.example line %s", line).isPositive();
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([?-])([^}]*))?}");

    /** The variables a compose file interpolates; {@code required}: only those without a default. */
    private static Set<String> interpolated(String text, boolean required) {
        Set<String> out = new TreeSet<>();
        Matcher m = INTERPOLATION.matcher(text.replace("$$", ""));
        while (m.find()) {
            if (!required || !"-".equals(m.group(2))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** A service's {@code environment} as compose interpolates it from {@code dotEnv} ({@code ${X:?err}}, {@code ${X:-default}}). */
    private static Map<String, String> composeEnvironment(JsonNode environment, Map<String, String> dotEnv) {
        Map<String, String> out = new HashMap<>();
        environment.fields().forEachRemaining(e -> {
            Matcher m = INTERPOLATION.matcher(e.getValue().asText());
            StringBuilder value = new StringBuilder();
            while (m.find()) {
                String v = dotEnv.get(m.group(1));
                if (v == null || v.isEmpty()) {
                    assertThat(m.group(2)).as("compose requires %s, which env.example does not set", m.group(1)).isEqualTo("-");
                    v = m.group(3);
                }
                m.appendReplacement(value, Matcher.quoteReplacement(v));
            }
            m.appendTail(value);
            out.put(e.getKey(), value.toString());
        });
        return out;
    }

    private static Map<String, String> k8sEnv(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        return env;
    }

    private static Set<String> refs(Pattern p, String text) {
        Set<String> out = new TreeSet<>();
        for (String line : text.split("\n")) {
            Matcher m = p.matcher(line.replaceAll("\\s#.*$", "")); // not in comments
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** path matcher of each {@code handle} block → its {@code reverse_proxy} upstreams. */
    private static Map<String, List<String>> caddyUpstreams(String caddy) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*handle (\\S+) \\{\\s*(?:#[^\\n]*\\n\\s*)*reverse_proxy ([^{\\n]+)\\{").matcher(caddy);
        while (m.find()) {
            out.put(m.group(1), List.of(m.group(2).strip().split("\\s+")));
        }
        return out;
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    /**
     * The documents of a YAML file, read with SnakeYAML (the YAML library under Jackson's): it resolves anchors and
     * merge keys ({@code <<: *gateway}) as compose does, which Jackson's tree reader does not.
     */
    private static List<JsonNode> yamlDocuments(Path f) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        for (Object d : new Yaml().loadAll(Files.readString(f))) {
            docs.add(JSON.valueToTree(d));
        }
        return docs;
    }

    private static JsonNode yaml(Path f) throws Exception {
        List<JsonNode> docs = yamlDocuments(f);
        assertThat(docs).as("documents in %s", f).hasSize(1);
        return docs.get(0);
    }

    private static JsonNode yaml(String text) {
        return JSON.valueToTree(new Yaml().load(text));
    }

    private static Map<String, JsonNode> k8sDocs() throws Exception {
        Map<String, JsonNode> docs = new HashMap<>();
        for (JsonNode d : yamlDocuments(KIT.resolve("k8s/voicegate.yaml"))) {
            docs.put(d.path("kind").asText() + "/" + d.at("/metadata/name").asText(), d);
        }
        return docs;
    }

    private static JsonNode container(Map<String, JsonNode> docs) {
        JsonNode containers = docs.get("Deployment/voicegate").at("/spec/template/spec/containers");
        assertThat(containers.size()).isEqualTo(1);
        return containers.get(0);
    }

    private static String configMapConfig(Map<String, JsonNode> docs) {
        return docs.get("ConfigMap/voicegate-config").at("/data/voicegate.yaml").asText();
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> out = new TreeSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> titles(JsonNode dashboard) {
        List<String> out = new ArrayList<>();
        dashboard.path("panels").forEach(p -> out.add(p.path("title").asText()));
        return out;
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Set<String> tables(String url) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, "");
             ResultSet r = c.createStatement().executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}

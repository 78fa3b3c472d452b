package dev.voicegate.core.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.PcmAudioSource;
import dev.voicegate.audiohook.client.WavReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #5 end to end on real sockets: fake Genesys + gateway (biometrics on) + AudioHook callers
 * speaking corpus clips + agent-app WebSocket clients.
 */
class TransactionsIT {
    private static final Path CORPUS = Path.of("..", "biometrics-engine", "src", "test", "resources", "corpus-mini");
    private static final Duration T = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;
    private TxFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    private static PcmAudioSource clip(String speaker, String name) throws Exception {
        return WavReader.read(CORPUS.resolve(speaker).resolve(name + "-mulaw.wav"));
    }

    private static String kindOf(JsonNode tx) {
        return tx.path("kind").asText();
    }

    @Test
    void bindIdentifiesAutomaticallyShowsTheResultAndPausesThenVerifiesAgainOnRequest() throws Exception {
        f = new TxFixture(dataDir, "identify");
        String agent = f.agent("Ann");
        AgentWsClient app = f.app(agent);
        String conv = f.genesys.startCall(agent, "tel:+35315550123", "tel:+35315550999");
        AudioHookClient caller = f.callerWhenEventKnown(conv, clip("e00-esp-m1", "enroll"));
        await().atMost(T).until(() -> app.completed(conv).stream().anyMatch(t -> kindOf(t).equals("IDENTIFY")));
        JsonNode identify = app.completed(conv).get(0);
        assertThat(identify.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(identify.path("results").path("BioSearch").asText()).isEqualTo("NO_USER_FOUND");
        await().atMost(T).until(() -> caller.receivedTypes().contains("pause"));

        String req = app.command("VERIFY_AGAIN", conv, false, null);
        await().atMost(T).until(() -> app.commandResult(req).isPresent());
        assertThat(app.commandResult(req).get().path("accepted").asBoolean()).isTrue();
        await().atMost(T).until(() -> caller.receivedTypes().stream().filter("resume"::equals).count() >= 1);
        await().atMost(T).until(() -> app.completed(conv).stream().anyMatch(t -> kindOf(t).equals("VERIFY")));
        JsonNode verify = app.completed(conv).stream().filter(t -> kindOf(t).equals("VERIFY")).findFirst().orElseThrow();
        assertThat(verify.path("results").path("BioResult").asText()).as("nobody enrolled under the ANI yet").isEqualTo("ERROR");
        assertThat(verify.path("results").path("ErrorReason").asText()).contains("not enrolled");
        await().atMost(T).until(() -> caller.receivedTypes().stream().filter("pause"::equals).count() >= 2);
    }

    @Test
    void enrollDuringACallCommitsAtCloseAndALaterCallVerifiesTrue() throws Exception {
        f = new TxFixture(dataDir, "verify");
        String agent = f.agent("Bob");
        AgentWsClient app = f.app(agent);
        String conv = f.genesys.startCall(agent, "tel:+35315550124", "tel:+35315550999");
        AudioHookClient caller = f.callerWhenEventKnown(conv, clip("e03-esp-f1", "enroll"));
        await().atMost(T).until(() -> app.sawConversation(conv));
        String refused = app.command("ENROLL", conv, false, null);
        await().atMost(T).until(() -> app.commandResult(refused).isPresent());
        assertThat(app.commandResult(refused).get().path("accepted").asBoolean()).as("no consent").isFalse();
        String req = app.command("ENROLL", conv, true, null);
        await().atMost(T).until(() -> app.commandResult(req).isPresent());
        assertThat(app.commandResult(req).get().path("accepted").asBoolean()).isTrue();
        caller.closed().get(120, TimeUnit.SECONDS);
        await().atMost(T).until(() -> f.gateway.store().orElseThrow().get("phone:+35315550124").isPresent());
        await().atMost(T).until(() -> f.activityKinds().contains("ENROLLED"));

        String conv2 = f.genesys.startCall(agent, "tel:+35315550124", "tel:+35315550999");
        f.callerWhenEventKnown(conv2, clip("e03-esp-f1", "test0"));
        await().atMost(T).until(() -> app.completed(conv2).stream().anyMatch(t -> kindOf(t).equals("VERIFY")));
        JsonNode verify = app.completed(conv2).stream().filter(t -> kindOf(t).equals("VERIFY")).findFirst().orElseThrow();
        assertThat(verify.path("results").path("BioResult").asText()).startsWith("TRUE_");
        assertThat(app.latest(conv2).orElseThrow().path("identityState").asText()).isIn("AUTHENTICATED", "RECOGNIZED");
    }

    @Test
    void anEnrollmentThatFailsLeavesNoConsentRecord() throws Exception {
        f = new TxFixture(dataDir, "none");
        String agent = f.agent("Fay");
        AgentWsClient app = f.app(agent);
        String conv = f.genesys.startCall(agent, "tel:+35315550128", "tel:+35315550999");
        AudioHookClient caller = f.callerWhenEventKnown(conv, PcmAudioSource.silence(8000L * 30));
        await().atMost(T).until(() -> app.sawConversation(conv));
        String req = app.command("ENROLL", conv, true, null);
        await().atMost(T).until(() -> app.commandResult(req).isPresent());
        assertThat(app.commandResult(req).get().path("accepted").asBoolean()).isTrue();
        caller.closed().get(120, TimeUnit.SECONDS);
        await().atMost(T).until(() -> app.completed(conv).stream().anyMatch(t -> kindOf(t).equals("ENROLL")));
        // consent was given with the enrollment; with no speech nothing was enrolled, so nothing is kept
        assertThat(f.gateway.store().orElseThrow().get("phone:+35315550128")).isEmpty();
        assertThat(f.gateway.store().orElseThrow().consent("phone:+35315550128")).isEmpty();
    }

    @Test
    void optOutDeletesTheVoiceprintAndBlocksReEnrollment() throws Exception {
        f = new TxFixture(dataDir, "none");
        f.preEnroll("phone:+35315550125", clip("e27-flite-awb", "enroll"));
        String agent = f.agent("Cy");
        AgentWsClient app = f.app(agent);
        String conv = f.genesys.startCall(agent, "tel:+35315550125", "tel:+35315550999");
        f.callerWhenEventKnown(conv, clip("e27-flite-awb", "test0"));
        await().atMost(T).until(() -> app.sawConversation(conv));
        String optOut = app.command("OPT_OUT", conv, false, null);
        await().atMost(T).until(() -> app.commandResult(optOut).isPresent());
        assertThat(app.commandResult(optOut).get().path("accepted").asBoolean()).isTrue();
        assertThat(f.gateway.store().orElseThrow().get("phone:+35315550125")).isEmpty();
        String enroll = app.command("ENROLL", conv, true, null);
        await().atMost(T).until(() -> app.commandResult(enroll).isPresent());
        assertThat(app.commandResult(enroll).get().path("accepted").asBoolean()).isFalse();
        assertThat(app.commandResult(enroll).get().path("reason").asText()).contains("opted out");
    }

    @Test
    void aBlocklistedCallerRaisesTheAlert() throws Exception {
        f = new TxFixture(dataDir, "identify");
        f.blocklist("fraud", "F-1", clip("e29-flite-slt", "enroll"));
        String agent = f.agent("Dee");
        AgentWsClient app = f.app(agent);
        String conv = f.genesys.startCall(agent, "tel:+35315550126", "tel:+35315550999");
        f.callerWhenEventKnown(conv, clip("e29-flite-slt", "test1"));
        await().atMost(T).until(() -> app.latest(conv).map(v -> v.path("alerts").toString().contains("BLOCKLIST_MATCH")).orElse(false));
        await().atMost(T).until(() -> f.activityKinds().contains("ALERT"));
    }

    @Test
    void aTransactionWithTooLittleSpeechEndsLowData() throws Exception {
        f = new TxFixture(dataDir, "identify", Duration.ofSeconds(5), Duration.ofSeconds(6));
        String agent = f.agent("Eve");
        AgentWsClient app = f.app(agent);
        String conv = f.genesys.startCall(agent, "tel:+35315550127", "tel:+35315550999");
        PcmAudioSource shortClip = PcmAudioSource.silence(8000L * 120);
        f.callerWhenEventKnown(conv, shortClip);
        await().atMost(T).until(() -> !app.completed(conv).isEmpty());
        JsonNode tx = app.completed(conv).get(0);
        assertThat(tx.path("results").path("BioResult").asText()).isIn("NO_DATA", "LOW_DATA");
        assertThat(tx.path("netSpeechSeconds").asDouble()).isLessThan(3.0);
    }

    @Test
    void anotherAgentsTokenSeesNothingAndCannotCommand() throws Exception {
        f = new TxFixture(dataDir, "identify");
        String agent = f.agent("Fay");
        String other = f.agent("Gus");
        AgentWsClient mine = f.app(agent);
        AgentWsClient theirs = f.app(other);
        String conv = f.genesys.startCall(agent, "tel:+35315550128", "tel:+35315550999");
        f.callerWhenEventKnown(conv, clip("e00-esp-m1", "test1"));
        await().atMost(T).until(() -> mine.sawConversation(conv));
        String req = theirs.command("IDENTIFY", conv, false, null);
        await().atMost(T).until(() -> theirs.commandResult(req).isPresent());
        assertThat(theirs.commandResult(req).get().path("accepted").asBoolean()).isFalse();
        assertThat(theirs.sawConversation(conv)).isFalse();
    }

    @Test
    void writesResultsBackToGenesys() throws Exception {
        f = new TxFixture(dataDir, "identify");
        String agent = f.agent("Hal");
        AgentWsClient app = f.app(agent);
        String conv = f.genesys.startCall(agent, "tel:+35315550129", "tel:+35315550999");
        f.callerWhenEventKnown(conv, clip("e00-esp-m1", "test0"));
        await().atMost(T).until(() -> f.genesys.attributeWrites().stream().anyMatch(w -> w.toString().contains(conv)));
        assertThat(f.genesys.attributeWrites().toString()).contains("BioSearch");
        assertThat(app.completed(conv)).isNotEmpty();
    }

}

package dev.voicegate.biometrics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegate.biometrics.frontend.WavReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static Path mini(String rel) throws Exception {
        return Path.of(CommandsTest.class.getResource("/corpus-mini/" + rel).toURI());
    }

    private interface Cmd {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    private int run(Cmd cmd, String... args) {
        out.reset();
        err.reset();
        return cmd.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void scorePrintsOneJsonObjectWithTheDocumentedFields() throws Exception {
        int rc = run(ScoreCommand::run, mini("e00-esp-m1/enroll-mulaw.wav").toString(), mini("e00-esp-m1/test0-mulaw.wav").toString());
        assertThat(rc).isZero();
        JsonNode j = new ObjectMapper().readTree(out());
        assertThat(out().strip().lines()).hasSize(1);
        assertThat(j.fieldNames()).toIterable()
                .containsExactly("score", "rawScore", "bioResult", "enrollNetSpeechSec", "testNetSpeechSec");
        assertThat(j.get("bioResult").asText()).startsWith("TRUE_");
        run(ScoreCommand::run, mini("e00-esp-m1/enroll-mulaw.wav").toString(), mini("e03-esp-f1/test0-mulaw.wav").toString());
        assertThat(new ObjectMapper().readTree(out()).get("score").asDouble()).isLessThan(j.get("score").asDouble());
    }

    @Test
    void theXvectorIsTheDefaultAndTheGmmANamedAlternative() throws Exception {
        String e = mini("e00-esp-m1/enroll-mulaw.wav").toString();
        String t = mini("e00-esp-m1/test0-mulaw.wav").toString();
        assertThat(run(ScoreCommand::run, e, t)).isZero();
        double byDefault = new ObjectMapper().readTree(out()).get("rawScore").asDouble();
        assertThat(run(ScoreCommand::run, e, t, "--model", "xvec")).isZero();
        assertThat(new ObjectMapper().readTree(out()).get("rawScore").asDouble()).isEqualTo(byDefault);
        assertThat(run(ScoreCommand::run, e, t, "--model", "gmmsv")).isZero();
        JsonNode gmm = new ObjectMapper().readTree(out());
        assertThat(gmm.get("bioResult").asText()).startsWith("TRUE_");
        assertThat(gmm.get("rawScore").asDouble()).isNotEqualTo(byDefault);
        assertThat(run(ScoreCommand::run, e, t, "--model", dir.resolve("none.model").toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("score: model '" + dir.resolve("none.model")
                + "': no such file (expected: xvec, gmmsv, an x-vector back-end file or a GMM model file)" + System.lineSeparator());
    }

    @Test
    void scoreOfSilenceIsNoData() throws Exception {
        Path silent = dir.resolve("silent.wav");
        Files.write(silent, WavReader.toWavBytes(new short[8000 * 3], 8000, false));
        assertThat(run(ScoreCommand::run, mini("e00-esp-m1/enroll-mulaw.wav").toString(), silent.toString())).isZero();
        JsonNode j = new ObjectMapper().readTree(out());
        assertThat(j.get("bioResult").asText()).isEqualTo("NO_DATA");
        assertThat(j.get("score").isNull()).isTrue();
    }

    /** The mini-corpus test clip with {@code patch} applied to its bytes (a real recording, broken header). */
    private Path brokenCopy(String name, java.util.function.Consumer<java.nio.ByteBuffer> patch) throws Exception {
        byte[] bytes = Files.readAllBytes(mini("e00-esp-m1/test0-mulaw.wav"));
        patch.accept(java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN));
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** Offset of the 'fmt ' chunk's body in {@code b}. */
    private static int fmtBody(java.nio.ByteBuffer b) {
        int pos = 12;
        while (b.getInt(pos) != 0x20746d66) {
            pos += 8 + b.getInt(pos + 4) + (b.getInt(pos + 4) & 1);
        }
        return pos + 8;
    }

    @Test
    void scoreRefusesWavHeadersThatContradictTheFileWithExitOne() throws Exception {
        String enroll = mini("e00-esp-m1/enroll-mulaw.wav").toString();
        Path hugeFmt = brokenCopy("huge-fmt.wav", b -> b.putInt(fmtBody(b) - 4, 0x7FFFFFF0));
        Path riff = brokenCopy("riff.wav", b -> b.putInt(4, 0x7FFFFFF0));
        Path align = brokenCopy("align.wav", b -> b.putShort(fmtBody(b) + 12, (short) 0));
        Path rate = brokenCopy("rate16k.wav", b -> b.putInt(fmtBody(b) + 4, 16000));
        java.util.Map<Path, String> expected = java.util.Map.of(
                hugeFmt, "declares 2147483632 bytes but the file holds",
                riff, ": RIFF size 2147483632 bytes exceeds the file",
                align, ": blockAlign 0 (expected: 1 = 1 channel(s) × 8 bits / 8)",
                rate, ": byteRate 8000 contradicts the declared sample rate 16000 Hz");
        for (var e : expected.entrySet()) {
            assertThat(run(ScoreCommand::run, enroll, e.getKey().toString())).as(e.getKey().toString()).isEqualTo(1);
            assertThat(err()).startsWith("score: " + e.getKey() + ": ").contains(e.getValue())
                    .doesNotContain("null").endsWith(System.lineSeparator());
            assertThat(err().lines()).hasSize(1);
            assertThat(out()).isEmpty();
        }
    }

    @Test
    void brokenWavGivesOneLineNamingTheFileAndNonZeroExit() throws Exception {
        Path bad = dir.resolve("bad.wav");
        Files.writeString(bad, "not audio");
        int rc = run(ScoreCommand::run, bad.toString(), mini("e00-esp-m1/test0-mulaw.wav").toString());
        assertThat(rc).isEqualTo(1);
        assertThat(err()).isEqualTo("score: " + bad + ": not a RIFF file (missing 'RIFF' header)" + System.lineSeparator());
        assertThat(out()).isEmpty();
    }

    @Test
    void wrongArgumentsPrintUsage() {
        assertThat(run(ScoreCommand::run, "only-one.wav")).isEqualTo(2);
        assertThat(err()).startsWith("usage: score");
        assertThat(run(ScoreCommand::run, "a.wav", "b.wav", "--channel", "middle")).isEqualTo(2);
        assertThat(err()).startsWith("option --channel: 'middle' (expected: left|right|0|1)");
    }

    @Test
    void evalPrintsEngineAndBaselineAndDrawsTheDet() throws Exception {
        Path png = dir.resolve("det.png");
        assertThat(run(EvalCommand::run, mini("trials.tsv").toString(), "--det", png.toString())).isZero();
        assertThat(out()).contains("8 target, 24 non-target").contains("engine: vg-xvec v2").contains("baseline").contains("EER ratio");
        assertThat(Files.readAllBytes(png)).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThat(run(EvalCommand::run, mini("trials.tsv").toString(), "--json")).isZero();
        JsonNode j = new ObjectMapper().readTree(out());
        assertThat(j.get("engine").get("targetTrials").asInt()).isEqualTo(8);
        assertThat(j.get("engine").get("eer").asDouble()).isLessThanOrEqualTo(j.get("baseline").get("eer").asDouble());
        JsonNode ci = j.get("bootstrap");
        assertThat(ci.get("enrolledSpeakers").asInt()).isEqualTo(4);
        assertThat(ci.get("engineEer95").get(0).asDouble()).isLessThanOrEqualTo(j.get("engine").get("eer").asDouble());
        assertThat(ci.get("engineEer95").get(1).asDouble()).isGreaterThanOrEqualTo(j.get("engine").get("eer").asDouble());
        assertThat(out()).doesNotContain("95 %");
    }

    @Test
    void evalPrintsBootstrapIntervalsUnlessTurnedOff() throws Exception {
        assertThat(run(EvalCommand::run, mini("trials.tsv").toString(), "--bootstrap", "200")).isZero();
        assertThat(out()).contains("95 % intervals (bootstrap over 4 enrolled speakers, 200 replicates)");
        assertThat(run(EvalCommand::run, mini("trials.tsv").toString(), "--bootstrap", "0")).isZero();
        assertThat(out()).doesNotContain("95 %");
        assertThat(run(EvalCommand::run, mini("trials.tsv").toString(), "--bootstrap", "-3")).isEqualTo(2);
        assertThat(err()).startsWith("option --bootstrap: '-3' (expected: 0 or more replicates)");
        assertThat(run(EvalCommand::run, mini("trials.tsv").toString(), "--bootstrap", "many")).isEqualTo(2);
        assertThat(err()).startsWith("option --bootstrap: 'many' (expected: an integer)");
    }

    @Test
    void evalReportsAMalformedTrialLine() throws Exception {
        Path tsv = dir.resolve("t.tsv");
        Files.writeString(tsv, "a.wav\tb.wav\tmaybe\n");
        assertThat(run(EvalCommand::run, tsv.toString())).isEqualTo(1);
        assertThat(err()).contains(tsv + ":1: malformed trial");
    }

    @Test
    void operatorCommandsEnrollVerifyAndIdentifyOverTheStore() throws Exception {
        Path key = dir.resolve("key.b64");
        Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]));
        String[] store = {"--data-dir", dir.resolve("data").toString(), "--key-file", key.toString()};
        String enroll = mini("e27-flite-awb/enroll-mulaw.wav").toString();
        assertThat(run(EnrollCommand::run, concat(new String[] {"--biokey", "cust-1", "--by", "op", enroll}, store))).isEqualTo(1);
        assertThat(out()).contains("\"cust-1\":\"NO_CONSENT\"");
        assertThat(run(EnrollCommand::run, concat(new String[] {"--biokey", "cust-1", "--by", "op", "--record-consent",
                "operator-cli", enroll}, store))).isZero();
        assertThat(out()).contains("\"cust-1\":\"ENROLLED\"");
        String test = mini("e27-flite-awb/test1-mulaw.wav").toString();
        assertThat(run(VerifyCommand::run, concat(new String[] {"--biokey", "cust-1", test}, store))).isZero();
        assertThat(new ObjectMapper().readTree(out()).get("BioResult").asText()).startsWith("TRUE_");
        assertThat(run(IdentifyCommand::run, concat(new String[] {test}, store))).isZero();
        JsonNode id = new ObjectMapper().readTree(out());
        assertThat(id.get("BioSearch").asText()).isEqualTo("FOUND_ONE");
        assertThat(id.get("BioUser").asText()).isEqualTo("cust-1");
    }

    @Test
    void enrollRecordsConsentGivenOnTheCommandLineOnlyWhenTheEnrollmentIsStored() throws Exception {
        Path key = dir.resolve("key.b64");
        Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]));
        String[] store = {"--data-dir", dir.resolve("data").toString(), "--key-file", key.toString()};
        Path tooShort = dir.resolve("short.wav");
        Files.write(tooShort, WavReader.toWavBytes(new short[8000 * 3], 8000, false));
        assertThat(run(EnrollCommand::run, concat(new String[] {"--biokey", "cust-2", "--by", "op", "--record-consent",
                "operator-cli", tooShort.toString()}, store))).isEqualTo(1);
        assertThat(out()).contains("\"cust-2\":\"NOT_ENOUGH_SPEECH\"");
        // no consent was kept: a later enrollment without --record-consent is refused for it
        String enroll = mini("e27-flite-awb/enroll-mulaw.wav").toString();
        assertThat(run(EnrollCommand::run, concat(new String[] {"--biokey", "cust-2", "--by", "op", enroll}, store)))
                .isEqualTo(1);
        assertThat(out()).contains("\"cust-2\":\"NO_CONSENT\"");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package dev.voicegate.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's own options and the exit codes of the configuration check. */
class CommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        return Commands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpAndVersionAreOptionsOfTheLauncherAndOfEveryCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("usage: voicegate <command>").contains("serve").contains("config").contains("eval");
        out.reset();
        assertThat(run("-h")).isZero();
        assertThat(out()).contains("usage: voicegate <command>");
        out.reset();
        assertThat(run("serve", "--help")).as("does not start a gateway").isZero();
        assertThat(out()).startsWith("voicegate serve: run the gateway");
        out.reset();
        assertThat(run("config", "-h")).isZero();
        assertThat(out()).startsWith("voicegate config: validate a config");
    }

    @Test
    void adminRequestsNeedAnActionABiokeyAndATokenFileAndSayWhichIsMissing() throws Exception {
        String e;
        assertThat(run("admin")).isEqualTo(Commands.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("expected an action: export, audit or erase");
        err.reset();
        assertThat(run("admin", "delete", "--biokey", "phone:+35315550123")).isEqualTo(Commands.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("expected an action");
        err.reset();
        Path token = Files.writeString(dir.resolve("token"), "t".repeat(40));
        assertThat(run("admin", "erase", "--token-file", token.toString())).isEqualTo(Commands.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--biokey is required");
        err.reset();
        assertThat(run("admin", "erase", "--biokey", "phone:+35315550123")).isEqualTo(Commands.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--token-file is required");
        err.reset();
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThat(run("admin", "export", "--biokey", "phone:+35315550123", "--token-file", empty.toString())).isEqualTo(Commands.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("empty (expected: the gateway's admin.token)");
        err.reset();
        assertThat(run("admin", "export", "--biokey", "b:1", "--token-file", dir.resolve("nope").toString())).isEqualTo(Commands.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read it");
        err.reset();
        assertThat(run("admin", "export", "--biokey", "b:1", "--token-file", token.toString(), "--url", "ftp://x")).isEqualTo(Commands.USAGE);
        e = err.toString(StandardCharsets.UTF_8);
        assertThat(e).contains("--url ftp://x: not a valid http(s) URL");
        err.reset();
        assertThat(run("admin", "export", "--biokey", "b:1", "--token-file", token.toString(), "--tokn", "x")).isEqualTo(Commands.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unexpected argument '--tokn'");
        err.reset();
        // nothing listens on port 1: a failure of the work, exit 1, naming the target
        assertThat(run("admin", "export", "--biokey", "b:1", "--token-file", token.toString(), "--url", "http://127.0.0.1:1"))
                .isEqualTo(Commands.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("http://127.0.0.1:1/api/v1/admin/subjects/export");
    }

    @Test
    void versionIsTheBuildsVersionNotAPlaceholder() {
        assertThat(run("--version")).isZero();
        String v = out().trim();
        assertThat(v).matches("voicegate \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        out.reset();
        assertThat(run("version")).isZero();
        assertThat(out().trim()).isEqualTo(v);
    }

    @Test
    void configReportsEveryBrokenSectionAtOnceAndExits2() throws Exception {
        Path f = dir.resolve("broken.yaml");
        Files.writeString(f, """
                audiohook:
                  apiKeys: [{key: "k1", secret: ""}]
                  idleTimeout: -1s
                gating: {mode: sideways}
                agent: {port: 70000}
                """);
        assertThat(run("config", "--config", f.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("3 problems")
                .contains("audiohook.idleTimeout: -1s (expected: > 0)")
                .contains("gating.mode")
                .contains("agent.port: 70000");
    }
}

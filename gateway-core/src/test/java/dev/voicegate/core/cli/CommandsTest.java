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

package dev.voicegate.core;

import dev.voicegate.core.cli.Commands;
import dev.voicegate.core.config.AgentSection;
import dev.voicegate.core.config.ConfigLoader;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.Role;
import dev.voicegate.notifier.api.TokenRejectedException;
import dev.voicegate.notifier.auth.LocalTokenService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code voicegate token}: its usage errors, and that what it issues is what the gateway's own validator
 * ({@link AgentTokens} over {@link LocalTokenService}, wired as in {@code Gateway.startAgentServer}) accepts
 * until the expiry it was given, and refuses after.
 */
class TokenCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        out.reset();
        err.reset();
        return Commands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A gateway config whose agent.tokenSecret is a reference to a secret file (as in production). */
    private Path config(String agentExtra) throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path secretFile = Files.writeString(dir.resolve("agent-token-secret"), Base64.getEncoder().encodeToString(secret) + "\n");
        return Files.writeString(dir.resolve("voicegate.yaml"), """
                audiohook:
                  apiKeys: [{key: "k1", secret: "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYg=="}]
                gating: {mode: open}
                agent:
                  tokenSecret: "${file:%s}"
                %s""".formatted(secretFile, agentExtra));
    }

    /** The validator the gateway builds from this config, at {@code now}. */
    private static AgentTokens gatewayValidator(Path config, Instant now) {
        AgentSection a = new ConfigLoader(Map.of()).load(config).config().agent();
        return new AgentTokens(new LocalTokenService(a.tokenKey(), Clock.fixed(now, ZoneOffset.UTC), a.maxTokenLifetime()),
                null, Set.copyOf(a.supervisors()));
    }

    @Test
    void issuesATokenTheGatewayAcceptsUntilItsExpiryAndRefusesAfter() throws Exception {
        Path config = config("");
        Instant before = Instant.now();
        assertThat(run("token", "--config", config.toString(), "--agent", "agent-7", "--name", "Ann Agent",
                "--roles", "supervisor", "--expires", "2h")).as(err()).isZero();
        String token = out().strip();
        assertThat(token).startsWith("vg1.").doesNotContain("\n");
        String secret = Files.readString(dir.resolve("agent-token-secret")).strip();
        assertThat(out() + err()).as("the key is never printed").doesNotContain(secret);
        assertThat(err()).contains("agent-7").contains("AGENT,SUPERVISOR").contains("in 2h");

        AgentPrincipal p = gatewayValidator(config, before.plusSeconds(60)).validate(token).toCompletableFuture().join();
        assertThat(p.userId()).isEqualTo("agent-7");
        assertThat(p.displayName()).isEqualTo("Ann Agent");
        assertThat(p.roles()).containsExactlyInAnyOrder(Role.AGENT, Role.SUPERVISOR);

        Instant afterExpiry = Instant.now().plus(Duration.ofHours(2)).plusSeconds(1);
        assertThatThrownBy(() -> gatewayValidator(config, afterExpiry).validate(token).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(TokenRejectedException.Reason.EXPIRED));
    }

    @Test
    void defaultsToAnAgentRoleTheIdAsNameAndEightHoursCappedByTheMaximumLifetime() throws Exception {
        Path config = config("  maxTokenLifetime: 1h\n");
        assertThat(run("token", "--config", config.toString(), "--agent", "agent-8")).as(err()).isZero();
        String token = out().strip();
        assertThat(err()).contains("in 1h");
        AgentPrincipal p = gatewayValidator(config, Instant.now()).validate(token).toCompletableFuture().join();
        assertThat(p.userId()).isEqualTo("agent-8");
        assertThat(p.displayName()).isEqualTo("agent-8");
        assertThat(p.roles()).containsExactly(Role.AGENT);
        assertThat(run("token", "--config", config.toString(), "--agent", "agent-8", "--expires", "2h")).isEqualTo(Commands.USAGE);
        assertThat(err()).contains("--expires 2h: out of range (expected whole seconds from 1s to agent.maxTokenLifetime 1h");
    }

    @Test
    void aSignatureFromAnotherKeyIsRefused() throws Exception {
        Path config = config("");
        assertThat(run("token", "--config", config.toString(), "--agent", "a")).isZero();
        String token = out().strip();
        Path other = config(""); // a new secret file: another key
        assertThatThrownBy(() -> gatewayValidator(other, Instant.now()).validate(token).toCompletableFuture().join())
                .cause().isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(TokenRejectedException.Reason.BAD_SIGNATURE));
    }

    @Test
    void usageErrorsSayWhatIsMissingOrWrong() throws Exception {
        Path config = config("");
        assertThat(run("token", "--config", config.toString())).isEqualTo(Commands.USAGE);
        assertThat(err()).contains("voicegate token: --agent is required");
        assertThat(out()).isEmpty();

        assertThat(run("token", "--config", config.toString(), "--agent", "  ")).isEqualTo(Commands.USAGE);
        assertThat(err()).contains("--agent is required");

        assertThat(run("token", "--config", config.toString(), "--agent", "a", "--expires", "8 hours")).isEqualTo(Commands.USAGE);
        assertThat(err()).contains("--expires 8 hours: not a duration (expected e.g. 30m, 8h or PT8H, from 1s to agent.maxTokenLifetime 12h)");

        assertThat(run("token", "--config", config.toString(), "--agent", "a", "--expires", "0s")).isEqualTo(Commands.USAGE);
        assertThat(err()).contains("--expires 0s: out of range");

        assertThat(run("token", "--config", config.toString(), "--agent", "a", "--expires", "1500ms")).isEqualTo(Commands.USAGE);
        assertThat(err()).contains("--expires 1500ms: out of range (expected whole seconds");

        assertThat(run("token", "--config", config.toString(), "--agent", "a", "--expires", "13h")).isEqualTo(Commands.USAGE);
        assertThat(err()).contains("--expires 13h: out of range").contains("agent.maxTokenLifetime 12h");

        assertThat(run("token", "--config", config.toString(), "--agent", "a", "--roles", "AGENT,ADMIN")).isEqualTo(Commands.USAGE);
        assertThat(err()).contains("--roles AGENT,ADMIN: unknown role 'ADMIN' (expected a comma-separated list of AGENT, SUPERVISOR)");

        assertThat(run("token", "--config", config.toString(), "--agent", "a", "--roles", ",")).isEqualTo(Commands.USAGE);
        assertThat(err()).contains("--roles ',': empty");

        assertThat(run("token", "--config", config.toString(), "--agent")).isEqualTo(Commands.USAGE);
        assertThat(err()).contains("--agent needs a value");

        assertThat(run("token", "--config", config.toString(), "--agent", "a", "--secret", "x")).isEqualTo(Commands.USAGE);
        assertThat(err()).contains("unexpected argument '--secret'");
        assertThat(out()).isEmpty();
    }

    @Test
    void withoutAKeyConfiguredItSaysHowToSetOne() throws Exception {
        Path config = Files.writeString(dir.resolve("nokey.yaml"), """
                audiohook:
                  apiKeys: [{key: "k1", secret: "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYg=="}]
                gating: {mode: open}
                """);
        assertThat(run("token", "--config", config.toString(), "--agent", "a")).isEqualTo(Commands.USAGE);
        assertThat(err()).contains("agent.tokenSecret is not set in " + config + ": local tokens are off")
                .contains("${file:/run/secrets/agent-token-secret}");
        assertThat(out()).isEmpty();
    }

    @Test
    void aSecretReferenceThatCannotBeResolvedIsAConfigurationError() throws Exception {
        Path config = Files.writeString(dir.resolve("missing.yaml"), """
                audiohook:
                  apiKeys: [{key: "k1", secret: "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYg=="}]
                gating: {mode: open}
                agent: {tokenSecret: "${file:%s}"}
                """.formatted(dir.resolve("absent")));
        assertThat(run("token", "--config", config.toString(), "--agent", "a")).isEqualTo(Commands.USAGE);
        assertThat(err()).contains("voicegate: configuration error").contains("agent.tokenSecret");
        assertThat(out()).isEmpty();
    }
}

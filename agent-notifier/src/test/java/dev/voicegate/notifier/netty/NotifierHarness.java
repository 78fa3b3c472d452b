package dev.voicegate.notifier.netty;

import dev.voicegate.notifier.api.AgentCommand;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.AuditRecord;
import dev.voicegate.notifier.api.CommandOutcome;
import dev.voicegate.notifier.api.Role;
import dev.voicegate.notifier.api.TokenValidator;
import dev.voicegate.notifier.auth.LocalTokenService;
import dev.voicegate.notifier.config.NotifierConfig;
import dev.voicegate.notifier.config.NotifierLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A real agent notifier on an ephemeral loopback port with local tokens, a recording command
 * listener (answers set by the test) and a recording audit sink.
 */
public final class NotifierHarness implements AutoCloseable {

    public static final byte[] SECRET = "integration-test-secret-0123456789".getBytes(StandardCharsets.US_ASCII);

    public final LocalTokenService tokens = new LocalTokenService(SECRET, Clock.systemUTC());
    public final List<AgentCommand> commands = new CopyOnWriteArrayList<>();
    public final List<AuditRecord> audits = new CopyOnWriteArrayList<>();
    private static final dev.voicegate.notifier.engine.LoggingAuditSink AUDIT_LOG =
            new dev.voicegate.notifier.engine.LoggingAuditSink();
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public volatile BiFunction<AgentPrincipal, AgentCommand, CommandOutcome> answer = (who, cmd) -> CommandOutcome.ok();
    public final AgentNotifierServer server;

    public NotifierHarness(NotifierLimits limits) throws InterruptedException {
        this(limits, null);
    }

    public NotifierHarness(NotifierLimits limits, TokenValidator validator) throws InterruptedException {
        this(NotifierConfig.loopbackEphemeral(limits), validator);
    }

    /** A harness on a given config (e.g. a fixed port, to restart a server where clients expect it). */
    public NotifierHarness(NotifierConfig config, TokenValidator validator) throws InterruptedException {
        this(config, validator, Clock.systemUTC(), System::nanoTime);
    }

    /** A harness whose server measures token expiry (and audit times, idle TTLs) on the given time line. */
    public NotifierHarness(NotifierConfig config, TokenValidator validator, Clock clock,
                           java.util.function.LongSupplier ticker) throws InterruptedException {
        server = AgentNotifierServer.builder()
                .time(clock, ticker)
                .config(config)
                .tokenValidator(validator != null ? validator : tokens)
                .commandListener((who, cmd) -> {
                    commands.add(cmd);
                    return CompletableFuture.completedFuture(answer.apply(who, cmd));
                })
                .auditSink(r -> {
                    audits.add(r);
                    AUDIT_LOG.record(r);  // also the production sink, so tests see the real audit lines
                })
                .meterRegistry(meters)
                .workerThreads(1)
                .build()
                .start();
    }

    public String token(String userId, Role... roles) {
        return tokens.issue(new AgentPrincipal(userId, Character.toUpperCase(userId.charAt(0)) + userId.substring(1), Set.of(roles)), Duration.ofMinutes(10));
    }

    public int port() {
        return server.boundPort();
    }

    public double count(String name, String... tags) {
        var c = meters.find(name).tags(tags).counters();
        return c.stream().mapToDouble(x -> x.count()).sum();
    }

    @Override
    public void close() {
        server.close();
    }
}

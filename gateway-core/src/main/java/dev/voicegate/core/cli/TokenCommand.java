package dev.voicegate.core.cli;

import dev.voicegate.core.config.AgentSection;
import dev.voicegate.core.config.ConfigException;
import dev.voicegate.core.config.ConfigLoader;
import dev.voicegate.core.config.Durations;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.Role;
import dev.voicegate.notifier.auth.LocalTokenService;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code voicegate token --agent ID [--name NAME] [--roles AGENT,SUPERVISOR] [--expires 8h] [--config FILE]}:
 * issues a signed local agent token ({@code vg1.…}, {@link LocalTokenService}) for a deployment without
 * Genesys sign-in. The HMAC key is the gateway's own {@code agent.tokenSecret}, read from the same config
 * (and its {@code ${env:…}} / {@code ${file:…}} reference), never from the command line and never printed.
 * The token goes to stdout alone (for {@code $(…)}); who it is for and when it expires to stderr.
 */
final class TokenCommand {
    static final String SUMMARY = "issue a local agent-app token from agent.tokenSecret:"
            + " token --agent ID [--name NAME] [--roles AGENT,SUPERVISOR] [--expires 8h] [--config FILE]";
    /** Default lifetime: one shift, shortened to {@code agent.maxTokenLifetime} when that is less. */
    static final Duration DEFAULT_EXPIRY = Duration.ofHours(8);

    private TokenCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv(), Clock.systemUTC());
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
        String agent = null;
        String name = null;
        String roles = "AGENT";
        String expires = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean takesValue = a.equals("--agent") || a.equals("--name") || a.equals("--roles")
                    || a.equals("--expires") || a.equals("--config");
            if (takesValue && i + 1 >= args.length) {
                throw new Commands.UsageException(a + " needs a value");
            }
            switch (a) {
                case "--agent" -> agent = args[++i];
                case "--name" -> name = args[++i];
                case "--roles" -> roles = args[++i];
                case "--expires" -> expires = args[++i];
                case "--config" -> i++; // read by Commands.configPath
                default -> {
                    if (!a.startsWith("--config=")) {
                        throw new Commands.UsageException("unexpected argument '" + a
                                + "' (expected: --agent ID, --name NAME, --roles AGENT,SUPERVISOR, --expires DURATION, --config FILE)");
                    }
                }
            }
        }
        if (agent == null || agent.isBlank()) {
            throw new Commands.UsageException("--agent is required: the agent's user id (the Genesys user id when the"
                    + " gateway also matches calls to agents), e.g. --agent 3f0c…");
        }
        Set<Role> roleSet = roles(roles);
        Path config = Commands.configPath(args);
        AgentSection section = new ConfigLoader(env).load(config).config().agent();
        if (section.tokenKey().length == 0) {
            throw new Commands.UsageException("agent.tokenSecret is not set in " + (config == null ? "the defaults and environment" : config)
                    + ": local tokens are off. Set it by reference (e.g. tokenSecret: ${file:/run/secrets/agent-token-secret},"
                    + " base64 of at least 32 bytes: head -c32 /dev/urandom | base64) and give the same config to serve and token");
        }
        Duration max = section.maxTokenLifetime();
        Duration ttl = expires == null ? min(DEFAULT_EXPIRY, max) : expiry(expires, max);
        LocalTokenService service = new LocalTokenService(section.tokenKey(), clock, max);
        AgentPrincipal principal = new AgentPrincipal(agent.strip(), name == null ? agent.strip() : name.strip(), roleSet);
        String token = service.issue(principal, ttl);
        Instant exp = Instant.ofEpochSecond(clock.instant().getEpochSecond() + ttl.getSeconds());
        out.println(token);
        err.println("token for agent " + principal.userId() + " (" + principal.displayName() + ", roles "
                + String.join(",", principal.roles().stream().sorted().map(Enum::name).toList()) + "), expires " + exp
                + " (in " + Durations.format(ttl) + "); open /agent/?token=<token> on the agent port");
        return Commands.OK;
    }

    private static Set<Role> roles(String text) {
        Set<Role> set = EnumSet.noneOf(Role.class);
        for (String r : text.split(",")) {
            String t = r.strip().toUpperCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            try {
                set.add(Role.valueOf(t));
            } catch (IllegalArgumentException e) {
                throw new Commands.UsageException("--roles " + text + ": unknown role '" + r.strip()
                        + "' (expected a comma-separated list of AGENT, SUPERVISOR)");
            }
        }
        if (set.isEmpty()) {
            throw new Commands.UsageException("--roles '" + text + "': empty (expected a comma-separated list of AGENT, SUPERVISOR)");
        }
        set.add(Role.AGENT); // a supervisor is an agent too: they see their own calls
        return set;
    }

    private static Duration expiry(String text, Duration max) {
        Duration d;
        try {
            d = Durations.parse("--expires", text);
        } catch (ConfigException e) {
            throw new Commands.UsageException("--expires " + text + ": not a duration (expected e.g. 30m, 8h or PT8H,"
                    + " from 1s to agent.maxTokenLifetime " + Durations.format(max) + ")");
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(max) > 0 || d.getNano() != 0) {
            throw new Commands.UsageException("--expires " + text + ": out of range (expected whole seconds from 1s to"
                    + " agent.maxTokenLifetime " + Durations.format(max) + "; the gateway refuses longer-lived tokens)");
        }
        return d;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

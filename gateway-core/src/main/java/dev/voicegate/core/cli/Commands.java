package dev.voicegate.core.cli;

import dev.voicegate.core.config.ConfigException;
import dev.voicegate.core.config.ConfigLoader;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code voicegate} command line: {@code serve}, {@code demo}, {@code config}, {@code token}, the engine's
 * operator tools ({@code score}, {@code eval}, …) and {@code help}. Exit codes: 0 success, 1 failure
 * of the work itself, 2 bad usage or configuration.
 */
public final class Commands {
    /** Returned by long-running commands: the process stays up until it is signalled. */
    public static final int KEEP_RUNNING = -1;
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    /** One sub-command. */
    public interface Command {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    private record Entry(String summary, Command command) {
    }

    private static final Map<String, Entry> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("serve", new Entry("run the gateway: serve [--config FILE]", ServeCommand::run));
        COMMANDS.put("config", new Entry("validate a config and print it with secrets masked: config [--config FILE]", Commands::config));
        COMMANDS.put("probe", new Entry("exit 0 when the admin /readyz answers 2xx: probe [--url URL]", ProbeCommand::run));
        COMMANDS.put("admin", new Entry(AdminCommand.SUMMARY, AdminCommand::run));
        COMMANDS.put("token", new Entry(TokenCommand.SUMMARY, TokenCommand::run));
        COMMANDS.put("help", new Entry("this text", (a, out, err) -> usage(out)));
        COMMANDS.put("version", new Entry("print the version", (a, out, err) -> {
            out.println("voicegate " + version());
            return OK;
        }));
    }

    private Commands() {
    }

    /** Registers further commands (the engine tools); called once from the static wiring. */
    static void register(String name, String summary, Command command) {
        COMMANDS.put(name, new Entry(summary, command));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        EngineCommands.registerAll();
        if (args.length == 0) {
            usage(err);
            return USAGE;
        }
        if (args[0].equals("--help") || args[0].equals("-h")) {
            return usage(out);
        }
        if (args[0].equals("--version")) {
            out.println("voicegate " + version());
            return OK;
        }
        Entry e = COMMANDS.get(args[0]);
        if (e == null) {
            err.println("voicegate: unknown command '" + args[0] + "' (expected one of: " + String.join(", ", COMMANDS.keySet()) + ")");
            return USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            out.println("voicegate " + args[0] + ": " + e.summary());
            return OK;
        }
        try {
            return e.command().run(rest, out, err);
        } catch (ConfigException ex) {
            err.println("voicegate: configuration error: " + ex.getMessage());
            return USAGE;
        } catch (UsageException ex) {
            err.println("voicegate " + args[0] + ": " + ex.getMessage());
            return USAGE;
        } catch (dev.voicegate.core.StartupException ex) {
            err.println("voicegate: " + ex.getMessage());
            return FAILED;
        }
    }

    private static int usage(PrintStream s) {
        s.println("usage: voicegate <command> [options]   (voicegate <command> --help, voicegate --version)");
        COMMANDS.forEach((name, e) -> s.printf("  %-9s %s%n", name, e.summary()));
        return OK;
    }

    private static int config(String[] args, PrintStream out, PrintStream err) {
        ConfigLoader.Loaded loaded = new ConfigLoader(System.getenv()).load(configPath(args));
        loaded.warnings().forEach(w -> err.println("warning: " + w));
        out.print(loaded.maskedYaml());
        return OK;
    }

    /**
     * {@code --config FILE}, else {@code $VOICEGATE_CONFIG}, else {@code ./voicegate.yaml} when present, else none.
     */
    static Path configPath(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--config needs a file");
                }
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        String fromEnv = System.getenv("VOICEGATE_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        Path local = Path.of("voicegate.yaml");
        return local.toFile().isFile() ? local : null;
    }

    /** The version the build wrote into {@code version.properties} (Maven's {@code project.version}). */
    static String version() {
        try (java.io.InputStream in = Commands.class.getResourceAsStream("/dev/voicegate/core/version.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "");
            return v.isBlank() || v.startsWith("${") ? "unknown (not built by Maven)" : v;
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Bad command-line usage; the message says what was expected. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}

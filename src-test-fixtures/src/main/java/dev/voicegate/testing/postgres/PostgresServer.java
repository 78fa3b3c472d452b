package dev.voicegate.testing.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster for tests: {@code initdb} into a fresh temporary directory,
 * {@code pg_ctl start} listening on 127.0.0.1 at a port chosen at run time (and a unix socket inside the
 * temporary directory, never {@code /var/run}), one fresh database per {@link #createDatabase} call,
 * and {@code pg_ctl stop} plus deletion of the directory on {@link #close} (for {@link #shared()}: when
 * the JUnit launcher session closes, with a shutdown hook as a fallback).
 *
 * <p>The server binaries are found under {@code /usr/lib/postgresql/<version>/bin} (the newest
 * version; Debian's {@code postgresql} package, which {@code .ci/install-packages} installs), or in
 * {@code $VOICEGATE_PG_BIN}. When they are absent the calling test is <b>skipped</b> with a message
 * saying what to install, except under {@code CI=true}, where it <b>fails</b>: CI must run every test.
 *
 * <p>{@code initdb} and {@code postgres} refuse to run as root. As root, the cluster's directory is
 * given to an unprivileged system user ({@code postgres} if it exists, else {@code nobody}) and the
 * server commands run as that user through {@code runuser}; as any other user they run directly.
 * Authentication is {@code trust} on loopback only (the cluster lives for one test run).
 */
public final class PostgresServer implements AutoCloseable {

    /** The cluster's superuser (tests connect as it, with an empty password). */
    public static final String USER = "voicegate";
    private static final long TIMEOUT_SECONDS = 120;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer shared;

    private final Path bin;
    private final Path root;
    private final Path data;
    private final Optional<String> runAs;
    private final int port;
    private boolean stopped;

    private PostgresServer(Path bin, Path root, Optional<String> runAs, int port) {
        this.bin = bin;
        this.root = root;
        this.data = root.resolve("data");
        this.runAs = runAs;
        this.port = port;
    }

    /**
     * The one server of this JVM, started on first use and stopped (its directory deleted) at exit.
     * Skips the calling test when PostgreSQL is not installed (fails it under {@code CI=true}).
     */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            PostgresServer server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-test-server-stop"));
            shared = server;
        }
        return shared;
    }

    /** Stops the shared server if one was started (the launcher session's end, {@link PostgresSessionListener}). */
    public static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /** Starts a new cluster (the caller closes it); skips or fails like {@link #shared()}. */
    public static PostgresServer start() {
        Path bin = binaries().orElse(null);
        if (bin == null) {
            String message = "PostgreSQL server binaries not found (looked for initdb and pg_ctl in $VOICEGATE_PG_BIN"
                    + " and /usr/lib/postgresql/*/bin); install Debian's 'postgresql' package (.ci/install-packages"
                    + " does) to run this test";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true: " + message);
            }
            Assumptions.abort(message);
        }
        Optional<String> runAs = isRoot() ? Optional.of(unprivilegedUser()) : Optional.empty();
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Path root = null;
            try {
                root = Files.createTempDirectory("voicegate-pg-");
                if (runAs.isPresent()) {
                    chown(root, runAs.get());
                }
                PostgresServer server = new PostgresServer(bin, root, runAs, freePort());
                server.initAndStart();
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (IllegalStateException e) {
                // most likely the port was taken between choosing and binding it: try another one
                last = e;
                if (root != null) {
                    deleteTree(root);
                }
            }
        }
        throw last;
    }

    private void initAndStart() {
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
                "-E", "UTF8", "--locale=C", "--no-instructions"), "initdb");
        Path log = root.resolve("server.log");
        String options = "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c max_connections=200"
                + " -c shared_buffers=32MB";
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w", "-t",
                String.valueOf(TIMEOUT_SECONDS), "-o", options, "start"), "pg_ctl start");
    }

    /** The loopback port the server listens on. */
    public int port() {
        return port;
    }

    /** A JDBC URL for {@code database}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a new, empty database with a unique name starting with {@code prefix}; returns its JDBC URL. */
    public String createDatabase(String prefix) {
        String name = prefix.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_"
                + DATABASES.incrementAndGet();
        run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER,
                name), "createdb " + name);
        return jdbcUrl(name);
    }

    /** Stops the server ({@code pg_ctl stop -m fast}) and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t",
                    String.valueOf(TIMEOUT_SECONDS), "stop"), "pg_ctl stop");
        } finally {
            deleteTree(root);
        }
    }

    private void run(List<String> command, String what) {
        List<String> full = new ArrayList<>();
        if (runAs.isPresent()) {
            full.addAll(List.of("runuser", "-u", runAs.get(), "--"));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("PGDATA");
        String output;
        int exit;
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] bytes = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(what + ": still running after " + TIMEOUT_SECONDS + " s");
            }
            output = new String(bytes, StandardCharsets.UTF_8);
            exit = p.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException(what + ": cannot run " + full.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        }
        if (exit != 0) {
            String log = "";
            Path serverLog = root.resolve("server.log");
            if (Files.exists(serverLog)) {
                try {
                    log = "\nserver.log:\n" + Files.readString(serverLog);
                } catch (IOException ignored) {
                    // the command's own output is the main evidence
                }
            }
            throw new IllegalStateException(what + " failed (exit " + exit + "):\n" + output + log);
        }
    }

    /** {@code $VOICEGATE_PG_BIN}, else the newest {@code /usr/lib/postgresql/<n>/bin} holding initdb and pg_ctl. */
    static Optional<Path> binaries() {
        String env = System.getenv("VOICEGATE_PG_BIN");
        if (env != null && !env.isBlank()) {
            Path dir = Path.of(env);
            return hasServer(dir) ? Optional.of(dir) : Optional.empty();
        }
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin")).filter(PostgresServer::hasServer)
                    .max(Comparator.comparingInt(PostgresServer::version));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean hasServer(Path dir) {
        return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"))
                && Files.isExecutable(dir.resolve("createdb"));
    }

    private static int version(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String unprivilegedUser() {
        for (String user : List.of("postgres", "nobody")) {
            try {
                Process p = new ProcessBuilder("id", "-u", user).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return user;
                }
            } catch (IOException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("running as root, and neither user 'postgres' nor 'nobody' exists to run"
                + " initdb and postgres as (they refuse to run as root)");
    }

    private static void chown(Path dir, String user) throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(dir, users.lookupPrincipalByName(user));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: the OS cleans its temporary directory
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}

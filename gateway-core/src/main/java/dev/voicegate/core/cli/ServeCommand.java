package dev.voicegate.core.cli;

import dev.voicegate.core.Gateway;
import dev.voicegate.core.config.ConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code voicegate serve [--config FILE]}: loads and logs the config (secrets masked), starts the
 * gateway and keeps the process up until SIGTERM/SIGINT, then shuts down gracefully (readiness off,
 * AudioHook sessions drained, components stopped in reverse order).
 */
final class ServeCommand {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    private ServeCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        ConfigLoader.Loaded loaded = new ConfigLoader(System.getenv()).load(Commands.configPath(args));
        loaded.warnings().forEach(w -> log.warn("config: {}", w));
        log.info("effective configuration (secrets masked):\n{}", loaded.maskedYaml());
        Gateway gateway = Gateway.start(loaded.config(), Gateway.Time.system());
        keepRunningUntilSignalled(gateway::close);
        return Commands.KEEP_RUNNING;
    }

    /** A non-daemon thread holds the JVM up; the shutdown hook stops the work and releases it. */
    static void keepRunningUntilSignalled(Runnable stop) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread keeper = new Thread(() -> {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "voicegate-main");
        keeper.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            try {
                stop.run();
            } finally {
                stopped.countDown();
                log.info("stopped");
            }
        }, "voicegate-shutdown"));
    }
}

package dev.voicegate.notifier.api;

/**
 * SPI: where audited agent commands go (every command, accepted or refused, exactly once per
 * request id). The default, {@code dev.voicegate.notifier.engine.LoggingAuditSink}, writes one
 * PII-free log line. Called on an event loop or a listener's completion thread: must not block
 * (queue to a bounded executor for a database).
 */
@FunctionalInterface
public interface AuditSink {

    /** Records one command outcome. Must not throw; failures are the sink's to count and log. */
    void record(AuditRecord record);
}

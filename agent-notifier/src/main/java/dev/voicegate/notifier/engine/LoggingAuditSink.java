package dev.voicegate.notifier.engine;

import dev.voicegate.notifier.api.AuditRecord;
import dev.voicegate.notifier.api.AuditSink;
import dev.voicegate.notifier.api.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link AuditSink}: one INFO line per command on logger {@code voicegate.audit}, with
 * opaque ids only (user id, conversation id, request id) — no claimed ids or other PII. Ids and the
 * reason may come from the agent app (a refused request quotes what it got), so each is escaped.
 */
public final class LoggingAuditSink implements AuditSink {

    private static final Logger audit = LoggerFactory.getLogger("voicegate.audit");

    @Override
    public void record(AuditRecord r) {
        audit.info("[user={} conv={} request={}] agent command {} {}{}", LogSafe.escape(r.userId()),
                LogSafe.escape(r.conversationId()), LogSafe.escape(r.requestId()),
                r.type() == null ? "INVALID" : r.type(), r.outcome(),
                r.reason() == null ? "" : ": " + LogSafe.escape(r.reason()));
    }
}

package dev.voicegate.audiohook.api;

import java.util.List;

/**
 * Control handle of one AudioHook session. All methods are thread-safe: calls from other threads
 * hop to the session's event loop; the effect is applied there in call order.
 */
public interface AudioHookSession {

    /** The session id ({@code Audiohook-Session-Id}). */
    String sessionId();

    /** What the client announced at open; {@code null} before {@code open} arrived. */
    OpenInfo info();

    /** Current state (a volatile snapshot). */
    SessionState state();

    /**
     * Asks the client to pause (fact sheet §3.3): before {@code opened} it sets {@code startPaused};
     * when ACTIVE or PAUSED it sends {@code pause}. The state becomes PAUSED only when the client
     * confirms. Ignored for connection probes and in later states.
     */
    void pause();

    /** Asks the client to resume; the mirror of {@link #pause()}. */
    void resume();

    /**
     * Sends {@code disconnect{reason, info}} when the state is PREPARING, OPENING, ACTIVE or PAUSED;
     * ignored otherwise. The client answers with {@code close}; the session then ends.
     *
     * @param info free text; must not contain personal data
     */
    void disconnect(DisconnectReason reason, String info);

    /**
     * Sends an {@code event} message when ACTIVE, PAUSED or CLOSING.
     *
     * @return false when the event was dropped because of the state (checked again on the loop)
     */
    boolean sendEvent(List<EventEntity> entities);
}

package dev.voicegate.audiohook.api;

import java.util.Objects;

/**
 * The application's answer to {@link AudioHookListener#onOpen}. Create with the static factories.
 */
public sealed interface OpenDecision permits OpenDecision.Resume, OpenDecision.StartPaused, OpenDecision.Reject {

    /** Stream audio at once. */
    static OpenDecision resume() {
        return Resume.INSTANCE;
    }

    /** Answer {@code opened{startPaused:true}}; the application resumes later. */
    static OpenDecision startPaused() {
        return StartPaused.INSTANCE;
    }

    /** Send {@code disconnect{reason, info}} instead of streaming. */
    static OpenDecision reject(DisconnectReason reason, String info) {
        return new Reject(reason, info);
    }

    /** Stream at once. */
    record Resume() implements OpenDecision {
        static final Resume INSTANCE = new Resume();
    }

    /** Start paused. */
    record StartPaused() implements OpenDecision {
        static final StartPaused INSTANCE = new StartPaused();
    }

    /**
     * Disconnect the session.
     *
     * @param reason disconnect reason
     * @param info   text for {@code disconnect.info}; must not contain personal data
     */
    record Reject(DisconnectReason reason, String info) implements OpenDecision {
        public Reject {
            Objects.requireNonNull(reason, "reason");
            info = info == null ? "" : info;
        }
    }
}

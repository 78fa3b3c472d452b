package dev.voicegate.audiohook.api;

import java.util.Objects;

/**
 * The {@code open.participant} object (fact sheet §2.4). All fields are present; any may be empty.
 * {@code ani}, {@code aniName} and {@code dnis} are personal data: never log them unmasked.
 *
 * @param id      participant id (UUID; the nil UUID marks a connection probe)
 * @param ani     caller number
 * @param aniName caller name
 * @param dnis    dialled number
 */
public record Participant(String id, String ani, String aniName, String dnis) {
    public Participant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ani, "ani");
        Objects.requireNonNull(aniName, "aniName");
        Objects.requireNonNull(dnis, "dnis");
    }

    @Override
    public String toString() {
        return "Participant[id=" + id + ", ani=***, aniName=***, dnis=***]";
    }
}

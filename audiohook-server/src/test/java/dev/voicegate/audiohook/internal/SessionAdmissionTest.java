package dev.voicegate.audiohook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SessionAdmissionTest {

    @Test
    void admitsUpToTheMaximumAndAgainAfterRelease() {
        SessionAdmission a = new SessionAdmission(2);
        assertThat(a.tryAcquire()).isTrue();
        assertThat(a.tryAcquire()).isTrue();
        assertThat(a.tryAcquire()).isFalse();
        a.release();
        assertThat(a.tryAcquire()).isTrue();
        assertThat(a.active()).isEqualTo(2);
    }

    @Test
    void releasingMoreThanAcquiredFails() {
        SessionAdmission a = new SessionAdmission(1);
        assertThatThrownBy(a::release).isInstanceOf(IllegalStateException.class);
        assertThat(a.active()).isZero();
    }
}

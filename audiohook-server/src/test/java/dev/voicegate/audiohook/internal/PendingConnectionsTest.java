package dev.voicegate.audiohook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.audiohook.internal.PendingConnections.Admission;
import org.junit.jupiter.api.Test;

class PendingConnectionsTest {

    @Test
    void capsEachSourceAndForgetsASourceWithNothingPending() {
        PendingConnections p = new PendingConnections(2, 10);
        assertThat(p.tryAcquire("a")).isEqualTo(Admission.ADMITTED);
        assertThat(p.tryAcquire("a")).isEqualTo(Admission.ADMITTED);
        assertThat(p.tryAcquire("a")).isEqualTo(Admission.SOURCE_FULL);
        assertThat(p.tryAcquire("b")).isEqualTo(Admission.ADMITTED);
        p.release("a");
        assertThat(p.tryAcquire("a")).isEqualTo(Admission.ADMITTED);
        p.release("a");
        p.release("a");
        p.release("b");
        assertThat(p.sources()).isZero();
    }

    @Test
    void capsTheNumberOfSources() {
        PendingConnections p = new PendingConnections(5, 2);
        p.tryAcquire("a");
        p.tryAcquire("b");
        assertThat(p.tryAcquire("c")).isEqualTo(Admission.TOO_MANY_SOURCES);
        assertThat(p.tryAcquire("a")).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void releasingAnUntrackedSourceIsABug() {
        assertThatThrownBy(() -> new PendingConnections(1, 1).release("x")).isInstanceOf(IllegalStateException.class);
    }
}

package dev.voicegate.audiohook.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerProbeTest {

    @Test
    void readsUserAndSystemTicksEvenWhenTheCommandHasSpacesAndParentheses() {
        String stat = "4242 (java (bench) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 40 0 99 0 0";

        assertThat(ServerProbe.parseUserSys(stat)).containsExactly(1234, 567);
    }

    @Test
    void readsThisProcessOnLinux() {
        long[] ticks = ServerProbe.userSysTicks();

        assertThat(ticks).hasSize(2);
        if (ticks[0] >= 0) {
            assertThat(ticks[0] + ticks[1]).isPositive();     // this JVM has run code by now
        }
    }
}

package dev.voicegate.testing.leak;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LeakRecorderTest {

    @Test
    void recordsABufferThatWasNeverReleased() {
        assertThat(LeakRecorder.installed()).as("installed by the launcher session listener").isTrue();
        leakOne();
        List<String> leaks = List.of();
        for (int attempt = 0; attempt < 10 && leaks.isEmpty(); attempt++) {
            leaks = LeakRecorder.collectAndDrain();
        }
        assertThat(leaks).isNotEmpty();
        assertThat(leaks.get(0)).contains("LEAK");
    }

    @Test
    void recordsNothingWhenEveryBufferIsReleased() {
        LeakRecorder.collectAndDrain();
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(16);
        buf.writeInt(42);
        buf.release();
        assertThat(LeakRecorder.collectAndDrain()).isEmpty();
    }

    private static void leakOne() {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.buffer(16);
        leaked.writeInt(7);
    }
}

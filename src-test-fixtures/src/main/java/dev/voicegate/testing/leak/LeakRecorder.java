package dev.voicegate.testing.leak;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Records every leak that Netty's {@link ResourceLeakDetector} reports in this JVM, so that a test
 * run can fail on a leak instead of only logging it.
 *
 * <p>Installed once per test JVM by {@link LeakCheckSessionListener} before any Netty buffer class
 * is initialised; {@link LeakCheckExtension} drains it after every test class.
 */
public final class LeakRecorder {

    private static final List<String> LEAKS = new ArrayList<>();
    private static volatile boolean installed;

    private LeakRecorder() {
    }

    /** Installs the recording factory; idempotent. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
        installed = true;
    }

    /** Whether {@link #install()} ran in this JVM. */
    public static boolean installed() {
        return installed;
    }

    /**
     * Encourages the detector to report leaked buffers that are already unreachable: collects
     * garbage and allocates a few tracked buffers (tracking polls the detector's reference queue).
     *
     * @return the leaks reported since the previous call (and forgets them)
     */
    public static List<String> collectAndDrain() {
        for (int round = 0; round < 4; round++) {
            System.gc();
            System.runFinalization();
            for (int i = 0; i < 64; i++) {
                ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(1);
                probe.release();
            }
        }
        synchronized (LEAKS) {
            List<String> copy = List.copyOf(LEAKS);
            LEAKS.clear();
            return copy;
        }
    }

    static void record(String leak) {
        synchronized (LEAKS) {
            if (LEAKS.size() < 100) {
                LEAKS.add(leak);
            }
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            record("LEAK: " + resourceType + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            record("LEAK (untraced): " + resourceType);
            super.reportUntracedLeak(resourceType);
        }
    }
}

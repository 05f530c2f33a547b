package dev.spool.media.encoder;

import dev.spool.media.command.Accelerator;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Bounds concurrent hardware encode sessions per device type (GPU slots): consumer NVENC parts allow only a
 * few sessions, and a hardware encoder shared by too many jobs gets slower than the CPU. A transcode that
 * finds no free session for its chosen hardware encoder uses the CPU encoder for that run instead of
 * waiting. The number of sessions is per usable device type; an accelerator with no working encoder here
 * gets none.
 */
public final class HardwareSessions {
    /** Sessions per usable device when nothing is configured (NVENC on consumer GPUs allows 3 to 5). */
    public static final int DEFAULT_PER_DEVICE = 2;

    private final java.util.function.Supplier<Map<Accelerator, Integer>> limits;
    private Map<Accelerator, Semaphore> sessions;

    /** @param perAccelerator sessions allowed per hardware accelerator; absent ones allow none */
    public HardwareSessions(Map<Accelerator, Integer> perAccelerator) {
        this(() -> perAccelerator);
    }

    /** Limits computed on first use (encoder detection may still be running when the engine starts). */
    private HardwareSessions(java.util.function.Supplier<Map<Accelerator, Integer>> limits) {
        this.limits = limits;
    }

    /** {@code perDevice} sessions for every hardware accelerator with a working encoder on this machine. */
    public static HardwareSessions forUsable(EncoderSelector selector, int perDevice) {
        return new HardwareSessions(() -> {
            Map<Accelerator, Integer> usable = new EnumMap<>(Accelerator.class);
            for (EncoderReport.FamilyReport f : selector.report().families()) {
                for (EncoderStatus s : f.encoders()) {
                    if (s != null && s.works() && s.accelerator().isHardware()) usable.put(s.accelerator(), perDevice);
                }
            }
            return usable;
        });
    }

    private synchronized Map<Accelerator, Semaphore> sessions() {
        if (sessions == null) {
            Map<Accelerator, Semaphore> m = new EnumMap<>(Accelerator.class);
            limits.get().forEach((a, n) -> {
                if (a.isHardware() && n > 0) m.put(a, new Semaphore(n));
            });
            sessions = m;
        }
        return sessions;
    }

    /** Takes a session when one is free; false when all are busy or the accelerator has none. */
    public boolean tryAcquire(Accelerator accelerator) {
        Semaphore s = sessions().get(accelerator);
        return s != null && s.tryAcquire();
    }

    public void release(Accelerator accelerator) {
        Semaphore s = sessions().get(accelerator);
        if (s != null) s.release();
    }

    /** Sessions free right now, over all device types. */
    public int available() {
        return sessions().values().stream().mapToInt(Semaphore::availablePermits).sum();
    }
}

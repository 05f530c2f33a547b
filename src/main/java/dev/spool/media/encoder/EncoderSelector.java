package dev.spool.media.encoder;

import dev.spool.domain.OutputSpec.Family;
import dev.spool.media.command.Accelerator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Chooses the encoder for a codec family and keeps track of hardware that fails at run time.
 * Priority: NVENC &gt; QSV &gt; VAAPI &gt; AMF &gt; VideoToolbox &gt; CPU, among encoders whose trial
 * encode worked. With {@code forceCpu} (config, or {@code SPOOL_FORCE_CPU=1}) only CPU encoders are
 * chosen. An accelerator (device) that fails {@code failuresBeforeDisable} times in a row is not
 * chosen again until {@link #reprobe()}. Thread-safe; share one per process.
 */
public final class EncoderSelector {
    /** Consecutive run-time failures after which a device is no longer used. */
    public static final int DEFAULT_FAILURES_BEFORE_DISABLE = 3;

    private final Supplier<EncoderDetector.Detection> detection;
    private final Runnable forget;
    private final boolean forceCpu;
    private final int failuresBeforeDisable;
    private final Map<Accelerator, Integer> consecutiveFailures = new EnumMap<>(Accelerator.class);
    private EncoderDetector.Detection current;

    /**
     * @param detector              how to (re)detect encoders
     * @param forceCpu              choose CPU encoders only
     * @param failuresBeforeDisable consecutive failures that disable a device
     */
    public EncoderSelector(EncoderDetector detector, boolean forceCpu, int failuresBeforeDisable) {
        this(detector::detect, detector::forget, forceCpu, failuresBeforeDisable);
    }

    /** For tests and tools that already hold a detection. */
    public EncoderSelector(Supplier<EncoderDetector.Detection> detection, Runnable forget, boolean forceCpu,
                           int failuresBeforeDisable) {
        this.detection = detection;
        this.forget = forget;
        this.forceCpu = forceCpu;
        this.failuresBeforeDisable = failuresBeforeDisable;
    }

    /** {@code SPOOL_FORCE_CPU=1} (or true/yes) in the given environment. */
    public static boolean forceCpuFromEnvironment(Map<String, String> env) {
        String v = env.getOrDefault("SPOOL_FORCE_CPU", "").strip().toLowerCase();
        return v.equals("1") || v.equals("true") || v.equals("yes");
    }

    public boolean forceCpu() {
        return forceCpu;
    }

    /** The best usable encoder for the family; empty when none works (not even the CPU one). */
    public synchronized Optional<String> choose(Family family) {
        for (String candidate : EncoderCatalog.candidates(family)) {
            Accelerator accel = Accelerator.of(candidate);
            if (forceCpu && accel.isHardware() || isDisabled(accel)) {
                continue;
            }
            EncoderStatus status = detection().candidates().get(candidate);
            if (status != null && status.works()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The CPU encoder for the family, the fallback when hardware fails; empty when it does not work either. */
    public synchronized Optional<String> cpuEncoder(Family family) {
        return EncoderCatalog.candidates(family).stream()
                .filter(c -> !Accelerator.of(c).isHardware())
                .filter(c -> detection().candidates().get(c) != null && detection().candidates().get(c).works())
                .findFirst();
    }

    /** A hardware encode failed at run time; after repeated failures its device is disabled. */
    public synchronized void recordFailure(String encoder) {
        Accelerator accel = Accelerator.of(encoder);
        if (accel.isHardware()) {
            consecutiveFailures.merge(accel, 1, Integer::sum);
        }
    }

    /** A hardware encode worked: its device's failure streak ends. */
    public synchronized void recordSuccess(String encoder) {
        consecutiveFailures.remove(Accelerator.of(encoder));
    }

    public synchronized boolean isDisabled(Accelerator accelerator) {
        return consecutiveFailures.getOrDefault(accelerator, 0) >= failuresBeforeDisable;
    }

    /** Detects again (trial encodes) and re-enables every device. */
    public synchronized void reprobe() {
        forget.run();
        current = null;
        consecutiveFailures.clear();
        detection();
    }

    /** What {@code spool encoders} prints. */
    public synchronized EncoderReport report() {
        EncoderDetector.Detection d = detection();
        List<EncoderReport.FamilyReport> families = new ArrayList<>();
        for (Family family : EncoderCatalog.REPORTED) {
            String codec = EncoderCatalog.codec(family);
            List<String> listed = d.listed().entrySet().stream().filter(e -> e.getValue().equals(codec))
                    .map(Map.Entry::getKey).sorted().toList();
            List<EncoderStatus> statuses = EncoderCatalog.candidates(family).stream().map(d.candidates()::get).toList();
            families.add(new EncoderReport.FamilyReport(family, listed, statuses, choose(family).orElse(null)));
        }
        List<Accelerator> disabled = List.of(Accelerator.values()).stream().filter(this::isDisabled).toList();
        return new EncoderReport(forceCpu, disabled, families);
    }

    private EncoderDetector.Detection detection() {
        if (current == null) {
            current = detection.get();
        }
        return current;
    }
}

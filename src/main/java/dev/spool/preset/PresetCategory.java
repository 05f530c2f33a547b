package dev.spool.preset;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The concerns a category preset can address. A global preset references exactly one preset of each.
 * In files a category is written by its {@link #wireName()} ({@code codec}, {@code folder_output} ...).
 */
public enum PresetCategory {
    /** Codec, container, audio, timecode carry-over; also poster stills. */
    CODEC,
    /** Target size: keep the source size, or fit / fill / exact into an even-sized box. */
    SCALING,
    /** Text or image burn-in, or none. */
    WATERMARK,
    /** File name pattern with variables. */
    NAMING,
    /** Where outputs go: flat, mirroring the source tree, or a fixed folder. */
    FOLDER_OUTPUT,
    /** Sources that are skipped with a reason instead of processed. */
    EXCLUSIONS,
    /** What happens when the output file already exists. */
    DUPLICATES,
    /** Priority, concurrency, recovery policy and attempts of the job. */
    QUEUE,
    /** Which reports are written and where. */
    REPORTING;

    /** The lower-case name used in preset files. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Finds a category by its name in any case; empty when there is none. */
    public static Optional<PresetCategory> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The accepted names, for error messages. */
    public static String wireNames() {
        return Arrays.stream(values()).map(PresetCategory::wireName).collect(Collectors.joining(", "));
    }
}

package dev.spool.engine;

import dev.spool.domain.OutputSpec;
import dev.spool.media.probe.MediaMetadata;
import dev.spool.media.probe.MediaProber;
import dev.spool.media.probe.ProbeResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * DESIGN.md guarantee 2: an output counts only after ffprobe confirms the expected streams, a duration
 * within max(0.5 s, 2 %) of what was asked (moving outputs only), and a size above zero.
 */
public final class OutputVerifier {
    private final MediaProber prober;

    public OutputVerifier(MediaProber prober) {
        this.prober = prober;
    }

    /** What a verified output turned out to be. */
    public record Verified(long sizeBytes, Double durationSeconds, String videoCodec, int audioTracks) {
    }

    /**
     * @param expectedSeconds  the duration the output should have; null when unknown (then not checked)
     * @param expectAudio      whether an audio stream must be present
     * @return the verified facts, or a human-readable reason the output is not acceptable
     */
    public Result verify(Path file, OutputSpec spec, Double expectedSeconds, boolean expectAudio) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return new Result(null, "output " + file.getFileName() + " was not written (" + e.getMessage() + ")");
        }
        if (size == 0) return new Result(null, "output " + spec.name() + " is empty (0 bytes)");
        ProbeResult probed = prober.probe(file);
        if (probed instanceof ProbeResult.Unreadable u) {
            return new Result(null, "output " + spec.name() + " is not readable media: " + u.message());
        }
        MediaMetadata m = ((ProbeResult.Probed) probed).metadata();
        if (spec.video() != null && !m.hasVideo()) return new Result(null, "output " + spec.name() + " has no video stream");
        if (expectAudio && m.audio().isEmpty()) return new Result(null, "output " + spec.name() + " has no audio stream");
        Double actual = m.time().durationSeconds();
        if (spec.still() == null && expectedSeconds != null && expectedSeconds > 0) {
            if (actual == null) return new Result(null, "output " + spec.name() + " has no readable duration");
            double tolerance = Math.max(0.5, expectedSeconds * 0.02);
            if (Math.abs(actual - expectedSeconds) > tolerance) {
                return new Result(null, String.format("output %s lasts %.3f s but %.3f s was expected (tolerance %.3f s)",
                        spec.name(), actual, expectedSeconds, tolerance));
            }
        }
        return new Result(new Verified(size, actual, m.codec().codec(), m.audio().size()), null);
    }

    /** Either verified facts or the reason verification failed. */
    public record Result(Verified verified, String failure) {
        public Optional<String> failureReason() {
            return Optional.ofNullable(failure);
        }
    }
}

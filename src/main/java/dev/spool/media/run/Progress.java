package dev.spool.media.run;

import java.time.Duration;

/**
 * One progress report of an FFmpeg run, made at each {@code progress=} line of {@code -progress}
 * output. Values FFmpeg reported as {@code N/A} (or did not report) are null.
 *
 * @param frame      frames written so far (of the first video output)
 * @param fps        encoding speed in frames per second
 * @param outTime    media time written so far
 * @param speed      media seconds per wall-clock second (FFmpeg's {@code speed=2.5x})
 * @param totalSize  bytes written so far
 * @param percent    outTime as a percentage of the expected duration, 0–100; null without an expected duration
 * @param eta        remaining wall-clock time at the current speed; null when speed or the expected duration is unknown
 * @param finished   true on the last report ({@code progress=end})
 */
public record Progress(Long frame, Double fps, Duration outTime, Double speed, Long totalSize,
                       Double percent, Duration eta, boolean finished) {
}

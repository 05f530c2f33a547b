package dev.spool.media.encoder;

import dev.spool.domain.OutputSpec.Family;
import dev.spool.media.command.Accelerator;

import java.util.List;

/**
 * Encoder availability on this machine, per codec family.
 *
 * @param forceCpu         whether hardware encoders are ignored by configuration
 * @param disabledDevices  accelerators switched off after repeated run-time failures
 * @param families         one entry per reported family
 */
public record EncoderReport(boolean forceCpu, List<Accelerator> disabledDevices, List<FamilyReport> families) {

    /**
     * @param family   codec family
     * @param listed   every encoder {@code ffmpeg -encoders} lists for the family's codec (compiled in)
     * @param encoders Spool's candidates in priority order, each with its trial result
     * @param chosen   the encoder Spool would use; null when none works
     */
    public record FamilyReport(Family family, List<String> listed, List<EncoderStatus> encoders, String chosen) {
    }
}

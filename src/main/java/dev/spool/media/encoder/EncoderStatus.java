package dev.spool.media.encoder;

import dev.spool.media.command.Accelerator;

/**
 * What detection found out about one encoder.
 *
 * @param name        FFmpeg encoder name
 * @param accelerator where it runs
 * @param listed      whether {@code ffmpeg -encoders} lists it (compiled in)
 * @param usable      whether a one-frame trial encode worked; null when not tried (not listed)
 * @param reason      why it is not usable: the first meaningful stderr line of the trial; null when usable
 */
public record EncoderStatus(String name, Accelerator accelerator, boolean listed, Boolean usable, String reason) {

    static EncoderStatus notListed(String name) {
        return new EncoderStatus(name, Accelerator.of(name), false, null, "not in this ffmpeg build");
    }

    public boolean works() {
        return Boolean.TRUE.equals(usable);
    }
}

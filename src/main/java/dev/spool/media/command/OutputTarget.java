package dev.spool.media.command;

import dev.spool.domain.OutputSpec;

import java.nio.file.Path;

/**
 * One output of an FFmpeg run: the rendition, where to write it, and the concrete video encoder.
 *
 * @param spec         the rendition
 * @param path         where FFmpeg writes it: normally a temporary name in the destination folder
 * @param videoEncoder the FFmpeg encoder for the video stream (e.g. {@code libx264}); ignored for stills and
 *                     audio-only outputs, which use fixed encoders
 * @param overwrite    whether an existing file at {@code path} may be replaced. Only temporary paths are
 *                     overwritten: FFmpeg's {@code -y} is passed only when every output allows it, else
 *                     {@code -n} makes FFmpeg refuse instead of asking on stdin
 */
public record OutputTarget(OutputSpec spec, Path path, String videoEncoder, boolean overwrite) {

    /** The same output with another video encoder (CPU fallback). */
    public OutputTarget withEncoder(String encoder) {
        return new OutputTarget(spec, path, encoder, overwrite);
    }
}

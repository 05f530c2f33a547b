package dev.spool.media.tools;

import java.nio.file.Path;

/**
 * The ffmpeg and ffprobe executables Spool runs, with the versions they reported. Obtain one from
 * {@link ToolLocator#locate}; it is immutable and shared by every media component.
 */
public record MediaTools(Path ffmpeg, ToolVersion ffmpegVersion, Path ffprobe, ToolVersion ffprobeVersion) {

    /** One line for reports and {@code spool doctor}: {@code ffmpeg 5.1.9 (/usr/bin/ffmpeg), ffprobe …}. */
    public String describe() {
        return "ffmpeg " + ffmpegVersion + " (" + ffmpeg + "), ffprobe " + ffprobeVersion + " (" + ffprobe + ")";
    }
}

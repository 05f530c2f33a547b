package dev.spool.cli;

import dev.spool.media.tools.MediaTools;
import dev.spool.media.tools.MediaToolsException;
import dev.spool.media.tools.ToolLocator;

/** Locates ffmpeg/ffprobe for a command, turning "not usable" into a one-line environment error (exit 3). */
final class MediaToolsOption {
    private MediaToolsOption() {
    }

    static MediaTools locate() {
        try {
            return new ToolLocator().locate();
        } catch (MediaToolsException e) {
            throw CliException.environment(e.getMessage());
        }
    }
}

package dev.spool.media.tools;

import dev.spool.domain.SpoolException;

/**
 * ffmpeg or ffprobe cannot be used: missing, not executable, not FFmpeg, or too old. The message
 * says which tool, every place that was looked at, and how to install it; the CLI maps this to
 * exit code 3 (environment).
 */
public final class MediaToolsException extends SpoolException {
    /** What is wrong with the tool. */
    public enum Problem { NOT_FOUND, NOT_EXECUTABLE, NOT_FFMPEG, TOO_OLD }

    /** How to get FFmpeg, appended to every message. */
    public static final String INSTALL_HINT =
            "Install FFmpeg 4.4 or newer: 'sudo apt-get install ffmpeg' on Debian/Ubuntu, "
                    + "'sudo dnf install ffmpeg' on Fedora, 'brew install ffmpeg' on macOS; "
                    + "or point SPOOL_FFMPEG/SPOOL_FFPROBE at the executables.";

    private final String tool;
    private final Problem problem;

    public MediaToolsException(String tool, Problem problem, String detail) {
        super(detail + ". " + INSTALL_HINT);
        this.tool = tool;
        this.problem = problem;
    }

    /** {@code ffmpeg} or {@code ffprobe}. */
    public String tool() {
        return tool;
    }

    public Problem problem() {
        return problem;
    }
}

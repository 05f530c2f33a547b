package dev.spool.media.probe;

import java.nio.file.Path;

/**
 * The outcome of probing one path: metadata, or a typed reason it could not be read. Probing never
 * throws for a bad input; a bad input is a value.
 */
public sealed interface ProbeResult {
    /** The path as the caller gave it. */
    Path path();

    /** The file was read; {@code metadata.workflow()} says whether Spool can process it. */
    record Probed(Path path, MediaMetadata metadata) implements ProbeResult {
    }

    /** The path could not be read as media. {@code message} is one line for a human. */
    record Unreadable(Path path, Kind kind, String message) implements ProbeResult {
    }

    /** Why a path could not be read. */
    enum Kind {
        /** Nothing exists at the path. */
        MISSING,
        /** The path is a directory. */
        DIRECTORY,
        /** The file exists but cannot be read (permissions, special file). */
        NOT_READABLE,
        /** The file has zero bytes. */
        EMPTY,
        /** The content is not a media format ffprobe knows (e.g. a text file named .mov). */
        NOT_MEDIA,
        /** The file looks like a media container but cannot be read: truncated, or still being written. */
        DAMAGED,
        /** ffprobe failed or timed out for another reason. */
        PROBE_FAILED
    }
}

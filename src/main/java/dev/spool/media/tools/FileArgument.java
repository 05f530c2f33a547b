package dev.spool.media.tools;

import java.nio.file.Path;

/**
 * How Spool names a file to FFmpeg: {@code file:} followed by the absolute path. The absolute path
 * can never start with '-' (so it is never read as an option) and the explicit {@code file:}
 * protocol stops FFmpeg from reading a name like {@code rtmp:x.mov} or {@code a:b.mov} as a
 * protocol. Shell characters need nothing: there is no shell.
 */
public final class FileArgument {
    private FileArgument() {
    }

    public static String of(Path file) {
        return "file:" + file.toAbsolutePath().normalize();
    }
}

package dev.spool.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the sources a user names into media files: files are taken as given (even with an unknown
 * extension: the probe decides), folders are walked recursively for files with a media extension, skipping
 * hidden files and folders and symbolic links. Results are absolute, normalized and sorted per folder.
 */
public final class SourceExpander {
    /** Extensions of files FFmpeg commonly decodes as video, lower case. */
    public static final Set<String> MEDIA_EXTENSIONS = Set.of("mov", "mp4", "m4v", "mxf", "mkv", "avi", "mts",
            "m2ts", "ts", "mpg", "mpeg", "webm", "wmv", "dv", "3gp", "flv", "ogv", "y4m", "mj2");

    private SourceExpander() {
    }

    /** One expanded file and the root it was found under (its folder argument, or its own parent). */
    public record Source(Path file, Path root) {
    }

    /**
     * @throws InvalidJobRequestException naming {@code sources[i]} when a source is missing or a folder holds
     *                                    no media
     */
    public static List<Source> expand(List<String> sources) {
        if (sources.isEmpty()) throw new InvalidJobRequestException("sources", "give at least one source file or folder");
        List<Source> out = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            String field = "sources[" + i + "]";
            String raw = sources.get(i);
            if (raw == null || raw.isBlank()) throw new InvalidJobRequestException(field, "source path is empty");
            Path p = Path.of(raw).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                List<Path> found = walk(p);
                if (found.isEmpty()) {
                    throw new InvalidJobRequestException(field, "no media files under " + p + " (looked for ."
                            + String.join(", .", MEDIA_EXTENSIONS.stream().sorted().toList()) + "; hidden files skipped)");
                }
                found.forEach(f -> out.add(new Source(f, p)));
            } else if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                out.add(new Source(p, p.getParent()));
            } else {
                throw new InvalidJobRequestException(field, "source not found: " + p);
            }
        }
        return out;
    }

    private static List<Path> walk(Path root) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !attrs.isSymbolicLink() && !hidden(file) && isMedia(file)) {
                        found.add(file.toAbsolutePath().normalize());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(null);
        return found;
    }

    static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    static boolean isMedia(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && MEDIA_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}

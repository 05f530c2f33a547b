package dev.spool.watch;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * One directory walk of a watched folder, handing each candidate file to a visitor with the size and mtime
 * the walk already read (one {@code lstat} per entry, no second look). Candidates are regular files with an
 * allowed extension; hidden files and folders (a leading dot, which includes Spool's own temporaries) and
 * symbolic links are skipped; unreadable sub-folders are skipped, not fatal.
 */
final class FolderWalker {
    private FolderWalker() {
    }

    interface Visitor {
        void file(Path file, long size, long mtimeMillis);

        /** A folder the walk entered (the root included); used to register for file-system events. */
        default void directory(Path dir) {
        }
    }

    /** @throws IOException when the root itself cannot be read */
    static void walk(Path root, boolean recursive, Set<String> extensions, Visitor visitor) throws IOException {
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), recursive ? Integer.MAX_VALUE : 1,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (!dir.equals(root) && hidden(dir)) return FileVisitResult.SKIP_SUBTREE;
                        visitor.directory(dir);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        // without FOLLOW_LINKS the attributes are the link's own, so a link is never a regular file
                        if (attrs.isRegularFile() && !hidden(file) && allowed(file, extensions)) {
                            visitor.file(file, attrs.size(), attrs.lastModifiedTime().toMillis());
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                        if (file.equals(root)) throw exc;
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    static boolean allowed(Path file, Set<String> extensions) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && extensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}

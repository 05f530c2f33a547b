package dev.spool.engine.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a job's report files. Each file is written to a temporary name in the target folder, flushed to
 * disk, then renamed over the final name atomically, so a final report path never holds a partial report
 * (the same rule as for media outputs). Writing is observational: it reads the report, never the store.
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    /**
     * Writes {@code spool-report-<jobId>.<ext>} for each format into {@code dir}, creating the folder if
     * needed and replacing earlier reports of the same job.
     *
     * <p>Every requested format is attempted even when one fails, so one bad format costs only itself;
     * the files that were written are complete.
     *
     * @return the path written for each format, in {@link ReportFormat} order
     * @throws ReportException naming the folder or file that could not be written (further failures are
     *                         attached as suppressed); the caller logs it, and it must not change the job
     */
    public static Map<ReportFormat, Path> write(JobReport report, Diagnostics diagnostics, Path dir,
                                                Set<ReportFormat> formats) {
        if (formats.isEmpty()) {
            return Map.of();
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new ReportException(dir, "cannot create the report folder", e);
        }
        Map<ReportFormat, Path> written = new EnumMap<>(ReportFormat.class);
        ReportException failure = null;
        for (ReportFormat format : ReportFormat.values()) {
            if (!formats.contains(format)) {
                continue;
            }
            Path target = dir.resolve(format.fileName(report.jobId()));
            try {
                writeAtomically(dir, target, format.render(report, diagnostics));
                written.put(format, target);
            } catch (ReportException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return Collections.unmodifiableMap(written);
    }

    private static void writeAtomically(Path dir, Path target, String content) {
        // Hidden and marked .tmp so a reader scanning for reports never picks it up. Not createTempFile:
        // that makes the file owner-only (0600), and the report must be as readable as any file the user
        // creates there (the umask decides).
        Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        boolean created = false;
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                created = true;
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                // Flushed before the rename: after a crash the final name holds the whole report or the old one.
                ch.force(true);
            }
            // No fallback to a plain move: a non-atomic move could leave a partial file at the final path.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            created = false;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            throw new ReportException(target, "cannot write the report file", e);
        } finally {
            if (created) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Best effort: the write already failed and the exception names the report.
                }
            }
        }
    }

    /** Job ids are UUIDs, but a report name must never escape its folder whatever the id holds. */
    static String safeName(String jobId) {
        return jobId == null || jobId.isEmpty() ? "unknown" : jobId.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}

package dev.spool.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.domain.NewJob;
import dev.spool.domain.NewTask;
import dev.spool.domain.RecoveryPolicy;
import dev.spool.domain.Task;
import dev.spool.domain.TaskOutcome;
import dev.spool.preset.output.DuplicateResolver;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code import} task (seed 000's ComfyUI auto-import): places a finished file, unchanged, at
 * {@code <destRoot>/<YYYY-MM-DD>/<name>}; a taken name gets {@code _001} … {@code _999} before the extension.
 * Nothing is transcoded.
 *
 * <p>The final name never shows a partial file and never replaces one: a copy is written under a hidden
 * temporary name in the destination folder and published with a hard link, which fails if the name is taken,
 * so the next suffix is tried. A move on the same file system links the source itself, then removes the
 * source; across file systems it copies, publishes, then removes the source. The date folder is chosen when
 * the job is created, so a retry lands in the same folder.
 */
public final class ImportExecutor implements TaskExecutor {
    public static final String KIND = "import";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long minFreeBytes;

    /** @param minFreeBytes free space that must remain on the destination after a copy */
    public ImportExecutor(long minFreeBytes) {
        this.minFreeBytes = minFreeBytes;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * A job importing one file, created PENDING unless {@code start}. Recovery is automatic: an interrupted
     * import is safe to repeat (a copy is republished, a move whose source is gone fails with the reason).
     */
    public static NewJob plan(Path file, Path destRoot, LocalDate date, boolean move, boolean start) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("destRoot", destRoot.toString());
        spec.put("dateFolder", date.toString());
        spec.put("move", move);
        String specJson = json(spec);
        return new NewJob("import " + file.getFileName(), 0, RecoveryPolicy.AUTO, 3, null, destRoot.toString(), specJson,
                start, List.of(new NewTask(KIND, file.toString(), specJson, List.of())));
    }

    @Override
    public TaskOutcome execute(Task task, TaskContext context) throws IOException {
        JsonNode spec = JSON.readTree(task.spec());
        Path source = Path.of(task.source());
        Path dir = Path.of(spec.path("destRoot").asText()).resolve(spec.path("dateFolder").asText());
        boolean move = spec.path("move").asBoolean(false);
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            return new TaskOutcome.Failed("source is gone or not a regular file: " + source, null, List.of());
        }
        long size = Files.size(source);
        Files.createDirectories(dir);
        TranscodeExecutor.removeLeftovers(dir, task.id());
        Path desired = dir.resolve(source.getFileName());
        context.progress(Map.of("percent", 0.0));

        Path published = null;
        if (move) {
            try {
                published = linkUnderFreeName(source, desired);
            } catch (IOException | UnsupportedOperationException e) {
                // another file system (EXDEV) or no hard links: fall back to copy, publish, remove the source
                published = null;
            }
        }
        if (published == null) {
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free - size < minFreeBytes) {
                return new TaskOutcome.Failed(String.format("not enough free space in %s: %d MB free, the copy needs %d MB "
                        + "and %d MB must stay free", dir, free >> 20, size >> 20, minFreeBytes >> 20), null, List.of());
            }
            Path temp = dir.resolve(TranscodeExecutor.TEMP_PREFIX + task.id() + "-a" + task.attempt() + "-"
                    + source.getFileName());
            try {
                Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
                if (Files.size(temp) != size) {
                    return new TaskOutcome.Failed("copy of " + source + " has " + Files.size(temp) + " bytes, expected "
                            + size + " (did the source change?)", null, List.of());
                }
                if (context.stopRequested()) return new TaskOutcome.Skipped(context.stopReason());
                published = publishCopy(temp, desired);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        if (move) Files.deleteIfExists(source);
        context.progress(Map.of("percent", 100.0));

        Map<String, Object> output = new LinkedHashMap<>();
        output.put("name", KIND);
        output.put("path", published.toString());
        output.put("sizeBytes", size);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("outputs", List.of(output));
        result.put("import", Map.of("source", source.toString(), "mode", move ? "move" : "copy"));
        List<String> warnings = published.equals(desired) ? List.of()
                : List.of(desired.getFileName() + " was taken; imported as " + published.getFileName());
        return new TaskOutcome.Completed(json(result), warnings);
    }

    /** Hard-links {@code from} at the first free name of desired, _001 … _999; fails when all are taken. */
    static Path linkUnderFreeName(Path from, Path desired) throws IOException {
        for (int n = 0; n <= DuplicateResolver.MAX_SUFFIX; n++) {
            Path candidate = candidate(desired, n);
            try {
                Files.createLink(candidate, from);
                return candidate;
            } catch (FileAlreadyExistsException taken) {
                // next suffix
            }
        }
        throw new FileAlreadyExistsException(desired + " and its suffixes _001 to _999 are all taken");
    }

    private static Path publishCopy(Path temp, Path desired) throws IOException {
        try {
            return linkUnderFreeName(temp, desired);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            // file systems without hard links: the rename is atomic, the existence check is best effort
            for (int n = 0; n <= DuplicateResolver.MAX_SUFFIX; n++) {
                Path candidate = candidate(desired, n);
                if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) continue;
                Files.move(temp, candidate, StandardCopyOption.ATOMIC_MOVE);
                return candidate;
            }
            throw new FileAlreadyExistsException(desired + " and its suffixes _001 to _999 are all taken");
        }
    }

    /** {@code name.ext} for 0, else {@code name_001.ext} … (the DUPLICATES preset's suffix rule). */
    static Path candidate(Path desired, int n) {
        if (n == 0) return desired;
        String fileName = desired.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        String extension = dot > 0 ? fileName.substring(dot) : "";
        return desired.resolveSibling(String.format("%s_%03d%s", stem, n, extension));
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

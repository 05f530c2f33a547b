package dev.spool.watch;

import dev.spool.engine.JobSubmitter;
import dev.spool.engine.SourceExpander;
import dev.spool.preset.PresetRegistry;
import dev.spool.preset.PresetValidationException;
import dev.spool.store.WatchStore;
import dev.spool.store.WatchStore.Action;
import dev.spool.store.WatchStore.ImportMode;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The one place watch folder settings are checked, for the CLI and the API alike. Every refusal is an
 * {@link InvalidWatchFolderException} naming the field. Rules beyond the obvious ones:
 * <ul>
 *   <li>the output folder may not be the watched folder, nor (when recursive) inside it, or Spool would
 *       ingest its own outputs;</li>
 *   <li>with media roots configured (the API's), the folder and the output folder must lie inside them
 *       (real paths, so symlinks and {@code ..} cannot escape).</li>
 * </ul>
 */
public final class WatchFolderValidator {
    /** Default stability time: 002 waits about 10 s of unchanged size before taking a file. */
    public static final int DEFAULT_STABLE_SECONDS = 10;
    /** Default concurrency guard of auto-execution: 002's "maximum 1 concurrent job". */
    public static final int DEFAULT_MAX_ACTIVE_JOBS = 1;
    /** Images an import folder also takes by default (ComfyUI writes stills as well as videos). */
    public static final List<String> IMAGE_EXTENSIONS = List.of("png", "jpg", "jpeg", "webp", "gif", "tif", "tiff", "exr");
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,16}");

    private final Supplier<PresetRegistry> presets;
    private final List<Path> mediaRoots;

    /** @param mediaRoots folders watched paths and outputs must lie in; empty allows any path (CLI) */
    public WatchFolderValidator(Supplier<PresetRegistry> presets, List<Path> mediaRoots) {
        this.presets = presets;
        this.mediaRoots = mediaRoots.stream().map(JobSubmitter::real).toList();
    }

    /** Settings for a new folder: defaults for what was not given. */
    public WatchStore.Settings forCreate(WatchFolderInput in) {
        Action action = action(in.action());
        return check(in.path(), action, in, null);
    }

    /** Settings after editing {@code current} with the fields {@code in} gives; path and action cannot change. */
    public WatchStore.Settings forUpdate(WatchStore.Settings current, WatchFolderInput in) {
        if (in.path() != null && !absolute("path", in.path()).equals(Path.of(current.path()))) {
            throw new InvalidWatchFolderException("path", "the path of a watch folder cannot change; remove it and add another");
        }
        if (in.action() != null && action(in.action()) != current.action()) {
            throw new InvalidWatchFolderException("action", "the action of a watch folder cannot change; remove it and add another");
        }
        return check(current.path(), current.action(), in, current);
    }

    private WatchStore.Settings check(String rawPath, Action action, WatchFolderInput in, WatchStore.Settings current) {
        if (rawPath == null || rawPath.isBlank()) throw new InvalidWatchFolderException("path", "the folder to watch is required");
        Path path = absolute("path", rawPath);
        if (current == null) {
            if (!Files.exists(path)) throw new InvalidWatchFolderException("path", "folder not found: " + path);
            if (!Files.isDirectory(path)) throw new InvalidWatchFolderException("path", path + " is a file, not a folder");
            if (!Files.isReadable(path)) throw new InvalidWatchFolderException("path", "folder " + path + " is not readable");
        }
        checkInsideRoots("path", path);

        boolean recursive = pick(in.recursive(), current == null ? null : current.recursive(), false);
        String preset = in.preset() != null ? in.preset() : current == null ? null : current.presetId();
        if (action == Action.TRANSCODE) {
            if (preset == null || preset.isBlank()) {
                throw new InvalidWatchFolderException("preset", "a preset is required (see 'spool presets list')");
            }
            try {
                preset = presets.get().resolve(preset.strip()).id();
            } catch (PresetValidationException e) {
                throw new InvalidWatchFolderException("preset", e.getMessage());
            }
        } else if (in.preset() != null) {
            throw new InvalidWatchFolderException("preset", "an import folder copies files unchanged and takes no preset");
        }

        String rawOut = in.outputDir() != null ? in.outputDir() : current == null ? null : current.outputDir();
        if (rawOut == null || rawOut.isBlank()) {
            throw new InvalidWatchFolderException("outputDir", action == Action.IMPORT
                    ? "an import destination folder is required" : "an output folder is required");
        }
        Path out = absolute("outputDir", rawOut);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidWatchFolderException("outputDir", "output folder " + out + " is a file, not a folder");
        }
        if (out.equals(path) || (recursive && out.startsWith(path))) {
            throw new InvalidWatchFolderException("outputDir", "output folder " + out + " is inside the watched folder "
                    + path + "; Spool would ingest its own outputs");
        }
        checkInsideRoots("outputDir", out);

        ImportMode mode = null;
        if (action == Action.IMPORT) {
            String m = in.importMode() != null ? in.importMode() : current == null ? "copy" : current.importMode().name();
            try {
                mode = ImportMode.valueOf(m.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidWatchFolderException("importMode", "importMode must be 'copy' or 'move', got '" + m + "'");
            }
        } else if (in.importMode() != null) {
            throw new InvalidWatchFolderException("importMode", "importMode applies to import folders only");
        }

        List<String> extensions = in.extensions() != null ? extensions(in.extensions())
                : current != null ? current.extensions() : defaultExtensions(action);
        int stable = pick(in.stableSeconds(), current == null ? null : (int) current.stableFor().toSeconds(),
                DEFAULT_STABLE_SECONDS);
        if (stable < 1 || stable > 86_400) {
            throw new InvalidWatchFolderException("stableSeconds", "stableSeconds must be between 1 and 86400, got " + stable);
        }
        int maxActive = pick(in.maxActiveJobs(), current == null ? null : current.maxActiveJobs(), DEFAULT_MAX_ACTIVE_JOBS);
        if (maxActive < 1 || maxActive > 64) {
            throw new InvalidWatchFolderException("maxActiveJobs", "maxActiveJobs must be between 1 and 64, got " + maxActive);
        }
        boolean auto = pick(in.autoExecute(), current == null ? null : current.autoExecute(), false);
        return new WatchStore.Settings(path.toString(), action, action == Action.TRANSCODE ? preset : null, out.toString(),
                mode, recursive, auto, extensions, Duration.ofSeconds(stable), maxActive);
    }

    /** The extensions taken when none are given. */
    public static List<String> defaultExtensions(Action action) {
        TreeSet<String> all = new TreeSet<>(SourceExpander.MEDIA_EXTENSIONS);
        if (action == Action.IMPORT) all.addAll(IMAGE_EXTENSIONS);
        return List.copyOf(all);
    }

    private static Action action(String raw) {
        if (raw == null || raw.isBlank()) return Action.TRANSCODE;
        try {
            return Action.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidWatchFolderException("action", "action must be 'transcode' or 'import', got '" + raw + "'");
        }
    }

    private static List<String> extensions(List<String> raw) {
        if (raw.isEmpty()) throw new InvalidWatchFolderException("extensions", "give at least one extension, e.g. mov,mxf");
        TreeSet<String> out = new TreeSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String e = raw.get(i) == null ? "" : raw.get(i).strip().toLowerCase(Locale.ROOT);
            if (e.startsWith(".")) e = e.substring(1);
            if (!EXTENSION.matcher(e).matches()) {
                throw new InvalidWatchFolderException("extensions[" + i + "]", "extension '" + raw.get(i)
                        + "' must be 1 to 16 letters or digits, e.g. mov");
            }
            out.add(e);
        }
        return new ArrayList<>(out);
    }

    private static Path absolute(String field, String raw) {
        try {
            return Path.of(raw.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidWatchFolderException(field, "not a valid path: " + raw);
        }
    }

    private void checkInsideRoots(String field, Path path) {
        if (mediaRoots.isEmpty()) return;
        Path resolved = JobSubmitter.real(path);
        for (Path root : mediaRoots) {
            if (resolved.startsWith(root)) return;
        }
        throw new InvalidWatchFolderException(field, path + " is outside the configured media roots " + mediaRoots);
    }

    private static <T> T pick(T given, T current, T fallback) {
        return given != null ? given : current != null ? current : fallback;
    }
}

package dev.spool.media.tools;

import dev.spool.media.run.ProcessCapture;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds ffmpeg and ffprobe. For each tool the first of these that is set wins — there is no silent
 * fall-through from an explicit setting that is wrong:
 * <ol>
 *   <li>the configured path (e.g. {@code media.ffmpeg} in spool.yaml), when given;</li>
 *   <li>the environment variable {@code SPOOL_FFMPEG} / {@code SPOOL_FFPROBE};</li>
 *   <li>the first executable of that name on {@code PATH}.</li>
 * </ol>
 * Each tool must answer {@code -version} with a version of at least {@link ToolVersion#MINIMUM}.
 */
public final class ToolLocator {
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, String> environment;

    /** Reads the real environment. */
    public ToolLocator() {
        this(System.getenv());
    }

    /** @param environment the environment variables to consult (tests pass their own) */
    public ToolLocator(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * @param configuredFfmpeg  path from configuration, or null
     * @param configuredFfprobe path from configuration, or null
     * @throws MediaToolsException naming the tool, where it was looked for and how to install it
     */
    public MediaTools locate(Path configuredFfmpeg, Path configuredFfprobe) {
        Located ffmpeg = locateOne("ffmpeg", "SPOOL_FFMPEG", configuredFfmpeg);
        Located ffprobe = locateOne("ffprobe", "SPOOL_FFPROBE", configuredFfprobe);
        return new MediaTools(ffmpeg.path, ffmpeg.version, ffprobe.path, ffprobe.version);
    }

    /** {@link #locate(Path, Path)} without configured paths. */
    public MediaTools locate() {
        return locate(null, null);
    }

    private record Located(Path path, ToolVersion version) {
    }

    private Located locateOne(String tool, String envVar, Path configured) {
        Path path;
        String source;
        if (configured != null) {
            path = configured;
            source = "configured path " + configured;
        } else if (environment.get(envVar) != null && !environment.get(envVar).isBlank()) {
            path = Path.of(environment.get(envVar));
            source = envVar + "=" + path;
        } else {
            Optional<Path> onPath = searchPath(tool);
            if (onPath.isEmpty()) {
                throw new MediaToolsException(tool, MediaToolsException.Problem.NOT_FOUND,
                        tool + " not found: no configured path, " + envVar + " is not set, and no '" + tool
                                + "' on PATH (" + environment.getOrDefault("PATH", "") + ")");
            }
            path = onPath.get();
            source = "PATH";
        }
        if (!Files.isRegularFile(path)) {
            throw new MediaToolsException(tool, MediaToolsException.Problem.NOT_FOUND,
                    tool + " not found at " + path + " (from " + source + ")");
        }
        if (!Files.isExecutable(path)) {
            throw new MediaToolsException(tool, MediaToolsException.Problem.NOT_EXECUTABLE,
                    tool + " at " + path + " (from " + source + ") is not executable");
        }
        ToolVersion version = version(tool, path, source);
        if (!version.isSupported()) {
            throw new MediaToolsException(tool, MediaToolsException.Problem.TOO_OLD,
                    tool + " " + version + " at " + path + " is too old: Spool needs " + ToolVersion.MINIMUM + " or newer");
        }
        return new Located(path.toAbsolutePath(), version);
    }

    private static ToolVersion version(String tool, Path path, String source) {
        ProcessCapture.Result result;
        try {
            result = ProcessCapture.run(List.of(path.toString(), "-hide_banner", "-version"), VERSION_TIMEOUT);
        } catch (UncheckedIOException e) {
            throw new MediaToolsException(tool, MediaToolsException.Problem.NOT_EXECUTABLE,
                    tool + " at " + path + " (from " + source + ") cannot be started: " + e.getMessage());
        }
        Optional<ToolVersion> version = result.succeeded() ? ToolVersion.parse(result.stdout()) : Optional.empty();
        return version.filter(v -> result.stdout().startsWith(tool + " version")).orElseThrow(() ->
                new MediaToolsException(tool, MediaToolsException.Problem.NOT_FFMPEG,
                        path + " (from " + source + ") did not answer '-version' like " + tool + " does"));
    }

    private Optional<Path> searchPath(String tool) {
        String pathVar = environment.getOrDefault("PATH", "");
        List<Path> candidates = new ArrayList<>();
        for (String dir : pathVar.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, tool));
            }
        }
        return candidates.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }
}

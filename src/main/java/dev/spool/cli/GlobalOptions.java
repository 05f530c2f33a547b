package dev.spool.cli;

import dev.spool.config.SpoolConfig;
import dev.spool.media.tools.MediaTools;
import dev.spool.media.tools.MediaToolsException;
import dev.spool.media.tools.ToolLocator;
import dev.spool.store.SqlJobStore;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;

/** Options every command that touches the data directory or the store accepts. */
public final class GlobalOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (default: $SPOOL_DATA or ./spool-data).")
    String dataDir;

    @Option(names = "--db", paramLabel = "URL",
            description = "Store URL: sqlite:PATH or postgresql://HOST:PORT/DB (default: $SPOOL_DB or the "
                    + "embedded SQLite file in the data directory).")
    String db;

    private SpoolConfig config;

    /** The resolved, frozen configuration. */
    public SpoolConfig config() {
        if (config == null) config = SpoolConfig.fromEnvironment(dataDir, db);
        return config;
    }

    /** The configured ffmpeg/ffprobe; a missing or unusable one is an environment error (exit 3). */
    public MediaTools mediaTools() {
        try {
            return locateTools(config());
        } catch (MediaToolsException e) {
            throw CliException.environment(e.getMessage());
        }
    }

    static MediaTools locateTools(SpoolConfig config) {
        return new ToolLocator().locate(config.ffmpeg() == null ? null : Path.of(config.ffmpeg()),
                config.ffprobe() == null ? null : Path.of(config.ffprobe()));
    }

    /** The built-in presets plus the data directory's {@code presets/} folder, validated. */
    public dev.spool.preset.PresetRegistry presets() {
        return dev.spool.preset.PresetRegistry.load(config().dataDir().resolve("presets"));
    }

    /** Opens the configured store, migrating it when needed. */
    public SqlJobStore openStore() {
        return SqlJobStore.open(config().db(), Clock.systemUTC());
    }
}

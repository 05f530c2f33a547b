package dev.spool.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Spool's settings, frozen after validation. Sources, later ones winning: defaults, {@code spool.yaml} in
 * the data directory, {@code SPOOL_*} environment variables, command-line flags.
 *
 * @param dataDir          where the embedded database, presets, reports and demo media live
 *                         (default {@code ./spool-data}; env {@code SPOOL_DATA}; flag {@code --data-dir})
 * @param db               JDBC URL of the store (default {@code jdbc:sqlite:<dataDir>/spool.db}; env {@code SPOOL_DB};
 *                         flag {@code --db}); {@code postgresql://...} and {@code sqlite:PATH} shorthands accepted
 * @param ffmpeg           ffmpeg executable (default: found on PATH; env {@code SPOOL_FFMPEG}; yaml {@code ffmpeg})
 * @param ffprobe          ffprobe executable (default: found on PATH; env {@code SPOOL_FFPROBE}; yaml {@code ffprobe})
 * @param minFreeDiskMb    free space below which new work is refused (default 1024; env {@code SPOOL_MIN_FREE_DISK_MB})
 * @param forceCpu         never use hardware encoders (default false; env {@code SPOOL_FORCE_CPU=1})
 */
public record SpoolConfig(Path dataDir, String db, String ffmpeg, String ffprobe, long minFreeDiskMb,
                          boolean forceCpu) {

    public static final String FILE_NAME = "spool.yaml";
    public static final long DEFAULT_MIN_FREE_DISK_MB = 1024;

    /** The yaml file's shape; unknown keys are rejected with the key's name. */
    record FileSettings(String db, String ffmpeg, String ffprobe, Long minFreeDiskMb, Boolean forceCpu) {
    }

    /**
     * Resolves the configuration.
     *
     * @param dataDirFlag {@code --data-dir} or null
     * @param dbFlag      {@code --db} or null
     * @throws ConfigException naming the file and field when something is invalid
     */
    public static SpoolConfig load(String dataDirFlag, String dbFlag, Map<String, String> env) {
        Path dataDir = Path.of(first(dataDirFlag, env.get("SPOOL_DATA"), "spool-data"));
        FileSettings file = readFile(dataDir.resolve(FILE_NAME));
        String db = normalizeDbUrl(first(dbFlag, env.get("SPOOL_DB"), file.db(),
                "jdbc:sqlite:" + dataDir.resolve("spool.db")));
        String ffmpeg = first(env.get("SPOOL_FFMPEG"), file.ffmpeg(), null);
        String ffprobe = first(env.get("SPOOL_FFPROBE"), file.ffprobe(), null);
        long minFree = DEFAULT_MIN_FREE_DISK_MB;
        if (file.minFreeDiskMb() != null) minFree = file.minFreeDiskMb();
        String envMin = env.get("SPOOL_MIN_FREE_DISK_MB");
        if (envMin != null) {
            try {
                minFree = Long.parseLong(envMin.trim());
            } catch (NumberFormatException e) {
                throw new ConfigException("SPOOL_MIN_FREE_DISK_MB must be a whole number of megabytes, got '" + envMin + "'");
            }
        }
        if (minFree < 0) throw new ConfigException("minFreeDiskMb must be 0 or more, got " + minFree);
        boolean forceCpu = Boolean.TRUE.equals(file.forceCpu()) || isTrue(env.get("SPOOL_FORCE_CPU"));
        return new SpoolConfig(dataDir, db, ffmpeg, ffprobe, minFree, forceCpu);
    }

    public static SpoolConfig fromEnvironment(String dataDirFlag, String dbFlag) {
        return load(dataDirFlag, dbFlag, System.getenv());
    }

    /** Accepts JDBC URLs and the shorthands {@code postgresql://…}, {@code postgres://…} and {@code sqlite:PATH}. */
    public static String normalizeDbUrl(String url) {
        String u = url.trim();
        if (u.startsWith("jdbc:")) {
            if (u.startsWith("jdbc:sqlite:") || u.startsWith("jdbc:postgresql:")) return u;
        } else if (u.startsWith("postgresql://")) {
            return "jdbc:" + u;
        } else if (u.startsWith("postgres://")) {
            return "jdbc:postgresql://" + u.substring("postgres://".length());
        } else if (u.startsWith("sqlite:")) {
            return "jdbc:" + u;
        }
        throw new ConfigException("unsupported database URL '" + u
                + "': use sqlite:PATH, jdbc:sqlite:PATH, postgresql://HOST:PORT/DB or jdbc:postgresql://HOST:PORT/DB");
    }

    private static FileSettings readFile(Path file) {
        if (!Files.isRegularFile(file)) return new FileSettings(null, null, null, null, null);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            FileSettings s = yaml.readValue(file.toFile(), FileSettings.class);
            return s == null ? new FileSettings(null, null, null, null, null) : s;
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file + ": unknown setting '" + e.getPropertyName()
                    + "'; known settings: db, ffmpeg, ffprobe, minFreeDiskMb, forceCpu");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException(file + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static boolean isTrue(String v) {
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
    }

    private static String first(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        return null;
    }
}

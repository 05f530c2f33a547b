package dev.spool.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.spool.config.SpoolConfig;
import dev.spool.media.tools.MediaTools;
import dev.spool.media.tools.MediaToolsException;
import dev.spool.store.SqlJobStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code spool doctor}: checks everything Spool needs on this machine and prints the exact fix for what is
 * missing. Exit 0 when all is well, 3 (environment) otherwise.
 */
@Command(name = "doctor", description = "Check this machine: Java, ffmpeg/ffprobe, data directory, database, free disk.")
public final class DoctorCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global;

    @Option(names = "--json", description = "Print the checks as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** One finding: what was checked, whether it is fine, what was seen, and how to fix it when not. */
    public record Check(String name, boolean ok, String detail, String fix) {
    }

    @Override
    public Integer call() throws IOException {
        SpoolConfig config = global.config();
        List<Check> checks = new ArrayList<>();
        checks.add(java());
        checks.add(mediaTools(config));
        checks.add(dataDir(config.dataDir()));
        checks.add(database(config));
        checks.add(disk(config));
        boolean ok = checks.stream().allMatch(Check::ok);

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("ok", ok);
            doc.put("checks", checks);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } else {
            for (Check c : checks) {
                out.printf("%-4s %-10s %s%n", c.ok() ? "ok" : "FAIL", c.name(), c.detail());
                if (!c.ok() && c.fix() != null) out.printf("     %-10s fix: %s%n", "", c.fix());
            }
            out.println(ok ? "Spool is ready." : "Spool is not ready: fix the lines marked FAIL.");
        }
        out.flush();
        return ok ? ExitCode.OK : ExitCode.ENVIRONMENT;
    }

    private static Check java() {
        int feature = Runtime.version().feature();
        String detail = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ") at "
                + System.getProperty("java.home");
        return new Check("java", feature >= 17, detail, feature >= 17 ? null
                : "install Java 17 or newer (Debian/Ubuntu: sudo apt-get install openjdk-17-jre-headless)");
    }

    private static Check mediaTools(SpoolConfig config) {
        try {
            MediaTools tools = GlobalOptions.locateTools(config);
            return new Check("ffmpeg", true, tools.describe(), null);
        } catch (MediaToolsException e) {
            return new Check("ffmpeg", false, e.getMessage(), MediaToolsException.INSTALL_HINT);
        }
    }

    private static Check dataDir(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".doctor", ".tmp");
            Files.delete(probe);
            return new Check("data dir", true, dir.toAbsolutePath() + " is writable", null);
        } catch (IOException | SecurityException e) {
            return new Check("data dir", false, dir.toAbsolutePath() + " is not writable (" + e.getMessage() + ")",
                    "choose a writable folder with --data-dir DIR or SPOOL_DATA=DIR, or fix its permissions");
        }
    }

    private static Check database(SpoolConfig config) {
        try (SqlJobStore store = SqlJobStore.open(config.db(), java.time.Clock.systemUTC())) {
            return new Check("database", true, store.describe(), null);
        } catch (RuntimeException e) {
            return new Check("database", false, e.getMessage(),
                    config.db().startsWith("jdbc:postgresql:")
                            ? "start PostgreSQL or correct --db / SPOOL_DB (postgresql://HOST:PORT/DB?user=U)"
                            : "check that the data directory is writable, or pass another --db");
        }
    }

    private static Check disk(SpoolConfig config) throws IOException {
        Path dir = config.dataDir().toAbsolutePath();
        while (dir != null && !Files.exists(dir)) dir = dir.getParent();
        if (dir == null) return new Check("disk", false, "no existing folder above the data directory", null);
        long freeMb = Files.getFileStore(dir).getUsableSpace() / (1024 * 1024);
        boolean ok = freeMb >= config.minFreeDiskMb();
        return new Check("disk", ok, freeMb + " MB free at " + dir + " (floor " + config.minFreeDiskMb() + " MB)",
                ok ? null : "free some space, or lower the floor with SPOOL_MIN_FREE_DISK_MB");
    }
}

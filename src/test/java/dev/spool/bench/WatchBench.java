package dev.spool.bench;

import dev.spool.engine.JobSubmitter;
import dev.spool.preset.PresetRegistry;
import dev.spool.store.SqlJobStore;
import dev.spool.store.WatchStore;
import dev.spool.watch.AutoExecuteGuard;
import dev.spool.watch.WatchService;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rescan of a watched tree of FILES empty placeholder files (DIRS folders) that were all ingested before:
 * the keys are recorded first (one batch, timed), then a new {@link WatchService} scans the tree once cold
 * (loading the folder's keys from the store) and then warm, three times. Every scan must create no job.
 *
 * <pre>usage: WatchBench sqlite|postgresql FILES DIRS [PG_BASE_URL]</pre>
 */
public final class WatchBench {
    public static void main(String[] args) throws Exception {
        String dialect = args[0];
        int files = Integer.parseInt(args[1]);
        int dirs = Integer.parseInt(args[2]);
        Path tmp = Files.createTempDirectory("spool-watch-bench");
        String url;
        String schema = null;
        String base = args.length > 3 ? args[3] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        if (dialect.equals("sqlite")) {
            url = "jdbc:sqlite:" + tmp.resolve("bench.db");
        } else {
            schema = "spool_wbench_" + System.nanoTime();
            try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
        Path root = Files.createDirectories(tmp.resolve("watched"));
        long t0 = System.nanoTime();
        int perDir = (files + dirs - 1) / dirs;
        int made = 0;
        for (int d = 0; d < dirs && made < files; d++) {
            Path sub = Files.createDirectories(root.resolve(String.format("reel_%03d", d)));
            for (int i = 0; i < perDir && made < files; i++, made++) {
                Files.createFile(sub.resolve(String.format("A%03d_C%04d.mov", d, i)));
            }
        }
        double createS = seconds(t0);

        PresetRegistry presets = PresetRegistry.builtIn();
        try (SqlJobStore store = SqlJobStore.open(url, Clock.systemUTC())) {
            WatchStore watch = new WatchStore(store.database());
            WatchStore.Folder folder = watch.insert("bench", new WatchStore.Settings(root.toString(),
                    WatchStore.Action.TRANSCODE, "h264_540p_proxy", tmp.resolve("out").toString(), null, true, false,
                    List.of("mov"), Duration.ofSeconds(1), 1));

            // what earlier scans would have recorded: every file's (path, size, mtime)
            List<WatchStore.Ingested> keys = new ArrayList<>(files);
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                    keys.add(new WatchStore.Ingested(new WatchStore.FileKey(file.toString(), a.size(),
                            a.lastModifiedTime().toMillis()), null, null));
                    return FileVisitResult.CONTINUE;
                }
            });
            long t1 = System.nanoTime();
            watch.recordIngested(folder.id(), keys);
            double seedS = seconds(t1);

            long tk = System.nanoTime();
            int loaded = watch.keys(folder.id()).size();
            double keyLoadS = seconds(tk);
            WatchService service = new WatchService(store, watch, new JobSubmitter(store, () -> presets, List.of()),
                    new AutoExecuteGuard(() -> presets, 0, p -> Long.MAX_VALUE), Clock.systemUTC(), "bench",
                    Duration.ofSeconds(5), () -> { });
            long t2 = System.nanoTime();
            List<WatchService.FolderScan> cold = service.scanOnce();
            double coldS = seconds(t2);
            List<Double> warm = new ArrayList<>();
            int created = cold.get(0).created().size();
            int seen = cold.get(0).files();
            for (int r = 0; r < 3; r++) {
                long t = System.nanoTime();
                List<WatchService.FolderScan> scan = service.scanOnce();
                warm.add(seconds(t));
                created += scan.get(0).created().size();
                if (scan.get(0).settling() != 0) throw new IllegalStateException("known files must not be settling");
            }
            service.close();
            long jobs = store.listJobs(Set.of(), null, 10).items().size();
            warm.sort(null);
            System.out.printf("RESULT dialect=%s files=%d seen=%d dirs=%d create=%.2fs seedKeys=%.2fs coldRescan=%.3fs "
                            + "warmRescanMedian=%.3fs warm=%s jobsCreated=%d jobsInStore=%d keyLoadAlone=%.3fs(%d keys)%n",
                    dialect, files, seen, dirs, createS, seedS, coldS, warm.get(1), warm, created, jobs, keyLoadS, loaded);
            if (created != 0 || jobs != 0 || seen != files) throw new IllegalStateException("duplicates or missed files");
        } finally {
            if (schema != null) {
                try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
            deleteTree(tmp);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void deleteTree(Path p) throws IOException {
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        }
    }
}

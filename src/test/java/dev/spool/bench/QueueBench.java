package dev.spool.bench;

import dev.spool.domain.NewJob;
import dev.spool.domain.NewTask;
import dev.spool.domain.Task;
import dev.spool.domain.TaskOutcome;
import dev.spool.store.JobStore;
import dev.spool.store.SqlJobStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Claim+complete throughput of no-op tasks through the real {@link SqlJobStore}: W worker threads each
 * claim up to B tasks per statement and complete what they claimed in one transaction ({@code finishAll}:
 * a fenced update and an event per task), until the queue is empty. Job creation is timed separately.
 *
 * <pre>usage: QueueBench sqlite|postgresql TASKS BATCH WORKERS [PG_BASE_URL]</pre>
 */
public final class QueueBench {
    public static void main(String[] args) throws Exception {
        String dialect = args[0];
        int tasks = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        int workers = Integer.parseInt(args[3]);
        String url;
        String schema = null;
        Path tmp = null;
        if (dialect.equals("sqlite")) {
            tmp = Files.createTempDirectory("spool-bench");
            url = "jdbc:sqlite:" + tmp.resolve("bench.db");
        } else {
            String base = args.length > 4 ? args[4] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
            schema = "spool_bench_" + System.nanoTime();
            try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
        try (SqlJobStore store = SqlJobStore.open(url, Clock.systemUTC())) {
            long c0 = System.nanoTime();
            int perJob = 10_000;
            for (int made = 0; made < tasks; made += perJob) {
                int n = Math.min(perJob, tasks - made);
                store.createJob(NewJob.of("bench", IntStream.range(0, n)
                        .mapToObj(i -> NewTask.of("noop", null)).toList()));
            }
            double createS = (System.nanoTime() - c0) / 1e9;

            AtomicInteger done = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            TaskOutcome ok = new TaskOutcome.Completed("{}", List.of());
            long t0 = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                String id = "bench-" + w;
                fs.add(pool.submit(() -> {
                    List<Task> got;
                    while (!(got = store.claim(id, batch, Duration.ofMinutes(5))).isEmpty()) {
                        List<JobStore.Finished> outcomes = new ArrayList<>(got.size());
                        for (Task t : got) outcomes.add(new JobStore.Finished(t.lease(), ok));
                        store.finishAll(outcomes);
                        done.addAndGet(got.size());
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get();
            double runS = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            if (done.get() != tasks) throw new IllegalStateException("completed " + done.get() + " of " + tasks);
            System.out.printf("RESULT dialect=%s tasks=%d batch=%d workers=%d claim+complete=%.0f tasks/s"
                            + " (%.2f s) create=%.0f tasks/s%n",
                    dialect, tasks, batch, workers, tasks / runS, runS, tasks / createS);
        } finally {
            if (schema != null) {
                String base = args.length > 4 ? args[4] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
                try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
            if (tmp != null) {
                try (var files = Files.walk(tmp)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}

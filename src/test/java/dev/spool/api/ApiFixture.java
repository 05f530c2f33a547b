package dev.spool.api;

import dev.spool.domain.Job;
import dev.spool.domain.NewJob;
import dev.spool.domain.NewTask;
import dev.spool.domain.Task;
import dev.spool.domain.TaskOutcome;
import dev.spool.engine.TaskContext;
import dev.spool.engine.TaskExecutor;
import dev.spool.engine.WorkerPool;
import dev.spool.engine.WorkerSettings;
import dev.spool.store.SqlJobStore;
import dev.spool.store.TokenStore;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A real server on port 0 over a real SQLite file, with a worker pool running {@code latched} tasks: each
 * reports progress, then waits until the test releases its source's latch, then writes a real output file
 * and completes (source {@code fail} fails instead).
 */
final class ApiFixture implements AutoCloseable {
    final Path dir;
    final SqlJobStore store;
    final SpoolServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final LatchedExecutor executor;
    WorkerPool pool;
    String token;

    ApiFixture(Path dir, UnaryOperator<ApiSettings> settings) {
        this.dir = dir;
        this.store = SqlJobStore.open("jdbc:sqlite:" + dir.resolve("spool.db"), Clock.systemUTC());
        this.executor = new LatchedExecutor(dir.resolve("out"));
        ApiSettings s = settings.apply(ApiSettings.defaults().withListen("127.0.0.1", 0)
                .withEventTiming(Duration.ofMillis(50), Duration.ofSeconds(5)));
        this.server = SpoolServer.builder(store).settings(s).onSubmit(() -> {
            if (pool != null) pool.wakeUp();
        }).build();
    }

    static ApiFixture started(Path dir) {
        return new ApiFixture(dir, s -> s).start();
    }

    ApiFixture start() {
        server.start();
        return this;
    }

    /** Starts a worker pool with {@code slots} slots running latched tasks. */
    ApiFixture withWorker(int slots) {
        WorkerSettings ws = WorkerSettings.defaults("test-worker").withSlots(slots);
        ws = new WorkerSettings(ws.workerId(), slots, ws.lease(), ws.heartbeat(), Duration.ofMillis(20),
                Duration.ofMillis(20), Duration.ofMillis(20), ws.maintenance());
        pool = new WorkerPool(store, List.of(executor), ws).start();
        return this;
    }

    /** Creates an operator token and sends it with every request. */
    String operatorToken() {
        token = new ApiTokens(new TokenStore(store.database())).create("test-operator", TokenStore.Role.OPERATOR).token();
        return token;
    }

    Job latchedJob(String... sources) {
        List<NewTask> tasks = new ArrayList<>();
        for (String s : sources) tasks.add(NewTask.of(LatchedExecutor.KIND, s));
        return store.createJob(NewJob.of("latched job", tasks));
    }

    URI uri(String path) {
        return server.baseUri().resolve(path);
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> send(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static com.fasterxml.jackson.databind.JsonNode json(HttpResponse<String> res) {
        try {
            return Json.MAPPER.readTree(res.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + res.statusCode() + "): " + res.body(), e);
        }
    }

    @Override
    public void close() {
        executor.releaseAll();
        if (pool != null) pool.close();
        server.close();
        store.close();
    }

    /** Test executor: progress, wait for the source's latch, write an output file, complete. */
    static final class LatchedExecutor implements TaskExecutor {
        static final String KIND = "latched";
        private final Path outDir;
        private final Map<String, CountDownLatch> latches = new ConcurrentHashMap<>();
        private volatile boolean all;

        LatchedExecutor(Path outDir) {
            this.outDir = outDir;
        }

        @Override
        public String kind() {
            return KIND;
        }

        void release(String source) {
            latch(source).countDown();
        }

        void releaseAll() {
            all = true;
            latches.values().forEach(CountDownLatch::countDown);
        }

        private CountDownLatch latch(String source) {
            return latches.computeIfAbsent(source, s -> new CountDownLatch(all ? 0 : 1));
        }

        @Override
        public TaskOutcome execute(Task task, TaskContext context) throws Exception {
            context.progress(Map.of("percent", 50.0, "fps", 240.0, "speed", 8.0, "etaSeconds", 2.5));
            CountDownLatch l = latch(task.source());
            while (!l.await(10, TimeUnit.MILLISECONDS)) {
                if (context.stopRequested()) return new TaskOutcome.Skipped("stopped");
            }
            if (task.source().startsWith("fail")) return new TaskOutcome.Failed("asked to fail", "tail line", List.of());
            Files.createDirectories(outDir);
            Path out = outDir.resolve(task.id() + ".mp4");
            Files.writeString(out, "output of " + task.source());
            String result = Json.write(Map.of("outputs", List.of(Map.of("name", "proxy", "path", out.toString(),
                    "sizeBytes", Files.size(out), "container", "mp4", "encoder", "h264_nvenc", "durationSeconds", 1.0))));
            return new TaskOutcome.Completed(result, List.of());
        }
    }
}

package dev.spool.bench;

import dev.spool.api.ApiSettings;
import dev.spool.api.SpoolServer;
import dev.spool.domain.Job;
import dev.spool.domain.NewJob;
import dev.spool.domain.NewTask;
import dev.spool.store.SqlJobStore;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP API latency on loopback against an in-process {@link SpoolServer} over a SQLite file:
 * <ol>
 *   <li>submit: {@code POST /api/v1/jobs} (real preset, one real source file) from C concurrent clients;</li>
 *   <li>status: {@code GET /api/v1/jobs/{id}} from C concurrent clients;</li>
 *   <li>fan-out: S SSE subscribers on {@code /api/v1/events}; E state changes are made through the store, and
 *   each subscriber's receive time minus the change's commit time is one sample.</li>
 * </ol>
 * <pre>usage: ApiBench CONCURRENCY SUBMITS STATUS_GETS SUBSCRIBERS EVENTS POLL_MS</pre>
 */
public final class ApiBench {
    public static void main(String[] args) throws Exception {
        int concurrency = Integer.parseInt(args[0]);
        int submits = Integer.parseInt(args[1]);
        int gets = Integer.parseInt(args[2]);
        int subscribers = Integer.parseInt(args[3]);
        int events = Integer.parseInt(args[4]);
        long pollMs = Long.parseLong(args[5]);
        Path dir = Files.createTempDirectory("spool-api-bench");
        Path media = Files.createDirectories(dir.resolve("media"));
        Path source = Files.writeString(media.resolve("clip.mov"), "bench");
        try (SqlJobStore store = SqlJobStore.open("jdbc:sqlite:" + dir.resolve("spool.db"), Clock.systemUTC());
             SpoolServer server = SpoolServer.builder(store)
                     .settings(ApiSettings.defaults().withListen("127.0.0.1", 0).withMediaRoots(List.of(media))
                             .withEventTiming(Duration.ofMillis(pollMs), Duration.ofSeconds(20)))
                     .build().start()) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(8)).build();
            URI base = server.baseUri();
            String body = "{\"sources\":[\"" + source + "\"],\"preset\":\"h264_540p_proxy\",\"outputDir\":\""
                    + media.resolve("out") + "\",\"start\":false}";
            List<String> ids = new java.util.concurrent.CopyOnWriteArrayList<>();
            // warm-up
            run(http, 20, 200, i -> HttpRequest.newBuilder(base.resolve("/api/v1/jobs"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), null);
            long[] submit = run(http, concurrency, submits, i -> HttpRequest.newBuilder(base.resolve("/api/v1/jobs"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), ids);
            report("submit POST /api/v1/jobs", concurrency, submit);
            long[] status = run(http, concurrency, gets, i -> HttpRequest.newBuilder(base.resolve("/api/v1/jobs/"
                    + ids.get(i % ids.size()))).GET().build(), null);
            report("status GET /api/v1/jobs/{id}", concurrency, status);

            fanOut(store, http, base, subscribers, events, pollMs);
        }
        System.exit(0); // client pools are not daemon threads
    }

    interface RequestFor {
        HttpRequest make(int i);
    }

    /** Runs {@code total} requests from {@code concurrency} threads; returns each latency in microseconds. */
    static long[] run(HttpClient http, int concurrency, int total, RequestFor make, List<String> ids) throws Exception {
        long[] lat = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            fs.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < total) {
                    long s = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(make.make(i), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() >= 300) errors.incrementAndGet();
                        else if (ids != null) ids.add(r.body().substring(7, r.body().indexOf('"', 7)));
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    lat[i] = (System.nanoTime() - s) / 1000;
                }
                return null;
            }));
        }
        for (Future<?> f : fs) f.get();
        double secs = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        if (errors.get() > 0) System.out.println("  errors: " + errors.get());
        System.out.printf("  %d requests in %.2f s = %.0f req/s%n", total, secs, total / secs);
        return lat;
    }

    static void fanOut(SqlJobStore store, HttpClient http, URI base, int subscribers, int events, long pollMs)
            throws Exception {
        Job job = store.createJob(NewJob.of("fan-out", List.of(NewTask.of("none", "x"))));
        Map<Long, Long> committedAt = new ConcurrentHashMap<>();
        List<Long> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch connected = new CountDownLatch(subscribers);
        CountDownLatch done = new CountDownLatch(subscribers);
        AtomicLong bytes = new AtomicLong();
        List<InputStream> bodies = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService readers = Executors.newFixedThreadPool(subscribers);
        for (int s = 0; s < subscribers; s++) {
            readers.submit(() -> {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/events?jobs=" + job.id()))
                        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                bodies.add(r.body());
                connected.countDown();
                int seen = 0;
                try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while (seen < events && (line = in.readLine()) != null) {
                        bytes.addAndGet(line.length());
                        if (line.startsWith("id:")) {
                            long now = System.nanoTime();
                            long id = Long.parseLong(line.substring(3).trim());
                            Long at = committedAt.get(id);
                            // an event can arrive before its writer records the commit time; it waits briefly
                            for (int spin = 0; at == null && spin < 1000; spin++) {
                                Thread.onSpinWait();
                                at = committedAt.get(id);
                            }
                            if (at != null) samples.add((now - at) / 1000);
                            seen++;
                        }
                    }
                }
                done.countDown();
                return null;
            });
        }
        if (!connected.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("subscribers did not connect");
        Thread.sleep(500); // let every subscription register with the hub before the first event (bench only)
        for (int e = 0; e < events; e++) {
            if (e % 2 == 0) store.pause(job.id());
            else store.resume(job.id());
            committedAt.put(store.lastEventId(), System.nanoTime());
            Thread.sleep(pollMs * 2 + 50); // one event per poll cycle, so each is measured alone
        }
        boolean all = done.await(60, TimeUnit.SECONDS);
        bodies.forEach(b -> {
            try {
                b.close();
            } catch (Exception ignored) {
                // closing
            }
        });
        readers.shutdownNow();
        long[] lat = samples.stream().mapToLong(Long::longValue).toArray();
        System.out.printf("  fan-out: %d subscribers x %d events, %d samples%s (event poll %d ms)%n", subscribers,
                events, lat.length, all ? "" : " (some subscribers incomplete)", pollMs);
        report("SSE delivery (commit -> client)", subscribers, lat);
    }

    static void report(String what, int concurrency, long[] micros) {
        long[] s = micros.clone();
        Arrays.sort(s);
        System.out.printf("RESULT %s concurrency=%d n=%d p50=%.1fms p99=%.1fms max=%.1fms%n", what, concurrency, s.length,
                pct(s, 0.50) / 1000.0, pct(s, 0.99) / 1000.0, s[s.length - 1] / 1000.0);
    }

    static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}

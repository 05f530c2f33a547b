package dev.spool.bench;

import dev.spool.media.probe.MediaProber;
import dev.spool.media.probe.ProbeCache;
import dev.spool.media.probe.ProbeResult;
import dev.spool.media.run.ProcessCapture;
import dev.spool.media.tools.MediaTools;
import dev.spool.media.tools.ToolLocator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Probe throughput (files/s) on small generated clips: cold (empty cache, one ffprobe per file) and
 * cached (same prober again), median of several runs. Run through {@code bench/probe}.
 *
 * <p>Arguments: {@code [count=500] [runs=3] [parallelism=available processors]}.
 */
public final class ProbeBench {
    private static final Path MEDIA = Path.of("target", "bench-media", "probe").toAbsolutePath();

    private ProbeBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        MediaTools tools = new ToolLocator().locate();

        long t0 = System.nanoTime();
        List<Path> clips = generate(tools, count, parallelism);
        System.out.printf(Locale.ROOT, "clips: %d in %s (ready in %.1f s)%n", clips.size(), MEDIA, seconds(System.nanoTime() - t0));
        System.out.printf(Locale.ROOT, "machine: %d cores, %s, java %s%n",
                Runtime.getRuntime().availableProcessors(), tools.describe(), System.getProperty("java.version"));

        double[] cold = new double[runs];
        double[] cached = new double[runs];
        for (int r = 0; r < runs; r++) {
            MediaProber prober = new MediaProber(tools, new ProbeCache(), MediaProber.DEFAULT_TIMEOUT);
            cold[r] = throughput(prober, clips, parallelism);
            cached[r] = throughput(prober, clips, parallelism);
            System.out.printf(Locale.ROOT, "run %d: cold %.1f files/s, cached %.0f files/s%n", r + 1, cold[r], cached[r]);
        }
        System.out.printf(Locale.ROOT, "median of %d runs, %d files, parallelism %d: cold %.1f files/s, cached %.0f files/s%n",
                runs, count, parallelism, median(cold), median(cached));
    }

    private static double throughput(MediaProber prober, List<Path> clips, int parallelism) {
        long start = System.nanoTime();
        List<ProbeResult> results = prober.probeAll(clips, parallelism);
        long elapsed = System.nanoTime() - start;
        long bad = results.stream().filter(r -> !(r instanceof ProbeResult.Probed)).count();
        if (bad > 0) {
            throw new IllegalStateException(bad + " clips did not probe: " + results.stream()
                    .filter(r -> !(r instanceof ProbeResult.Probed)).findFirst().orElseThrow());
        }
        return clips.size() / seconds(elapsed);
    }

    /** 160x90, 1 s H.264 + AAC clips, each with its own tone; kept between runs. */
    private static List<Path> generate(MediaTools tools, int count, int parallelism) throws Exception {
        Files.createDirectories(MEDIA);
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<Path>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> clip(tools, n)));
            }
            List<Path> clips = new ArrayList<>();
            for (Future<Path> f : futures) {
                clips.add(f.get());
            }
            return clips;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Path clip(MediaTools tools, int n) throws IOException {
        Path target = MEDIA.resolve(String.format(Locale.ROOT, "clip-%04d.mp4", n));
        if (Files.exists(target)) {
            return target;
        }
        Path temp = MEDIA.resolve(".tmp-" + n + ".mp4");
        ProcessCapture.Result r = ProcessCapture.run(List.of(tools.ffmpeg().toString(), "-hide_banner", "-nostdin",
                "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=160x90:r=25:d=1",
                "-f", "lavfi", "-i", "sine=frequency=" + (200 + n) + ":duration=1",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                "-f", "mp4", "file:" + temp), Duration.ofSeconds(60));
        if (!r.succeeded()) {
            throw new IllegalStateException("cannot generate clip " + n + ": " + r.stderr());
        }
        return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}

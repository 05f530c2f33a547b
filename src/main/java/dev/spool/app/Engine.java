package dev.spool.app;

import dev.spool.config.SpoolConfig;
import dev.spool.engine.ImportExecutor;
import dev.spool.engine.JobSubmitter;
import dev.spool.engine.ReportService;
import dev.spool.engine.TaskExecutor;
import dev.spool.engine.TranscodeExecutor;
import dev.spool.engine.WorkerPool;
import dev.spool.engine.WorkerSettings;
import dev.spool.ingest.IngestSettings;
import dev.spool.ingest.UrlDownloader;
import dev.spool.operations.ConcatExecutor;
import dev.spool.operations.ExtractExecutor;
import dev.spool.operations.IngestExecutor;
import dev.spool.operations.OperationKit;
import dev.spool.operations.RenderExecutor;
import dev.spool.operations.SequenceExecutor;
import dev.spool.operations.ThumbnailsExecutor;
import dev.spool.media.encoder.EncoderDetector;
import dev.spool.media.encoder.EncoderSelector;
import dev.spool.media.encoder.Transcoder;
import dev.spool.media.probe.MediaProber;
import dev.spool.media.run.FfmpegRunner;
import dev.spool.media.tools.MediaTools;
import dev.spool.preset.PresetRegistry;
import dev.spool.store.JobStore;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Wires the engine for one process (its own package so that executor packages such as {@code operations}
 * depend on {@code engine} one way only): presets, media tools, encoder selection, the executors (transcode and
 * the operations: ingest, sequence, concat, extract, render, thumbnails) and a worker pool over a store. {@code spool serve}, {@code spool worker}, {@code spool run} and
 * {@code spool demo} all start from here, so they behave the same.
 */
public final class Engine implements AutoCloseable {
    private final JobStore store;
    private final Supplier<PresetRegistry> presets;
    private final MediaTools tools;
    private final MediaProber prober;
    private final EncoderSelector selector;
    private final JobSubmitter submitter;
    private final WorkerPool pool;
    private final ReportService reports;

    private Engine(JobStore store, SpoolConfig config, MediaTools tools, WorkerSettings settings, List<Path> mediaRoots,
                   IngestSettings ingest) {
        this.store = store;
        this.tools = tools;
        Path presetsDir = config.dataDir().resolve("presets");
        PresetRegistry registry = PresetRegistry.load(presetsDir);
        this.presets = () -> registry;
        this.prober = new MediaProber(tools);
        this.selector = new EncoderSelector(new EncoderDetector(tools).withDiskCache(
                config.dataDir().resolve("cache").resolve("encoders.json")), config.forceCpu(),
                EncoderSelector.DEFAULT_FAILURES_BEFORE_DISABLE);
        // GPU slots: concurrent hardware sessions per usable device; none here means CPU encoders only
        Transcoder transcoder = new Transcoder(tools, selector, new FfmpegRunner(),
                dev.spool.media.encoder.HardwareSessions.forUsable(selector, dev.spool.media.encoder.HardwareSessions.DEFAULT_PER_DEVICE));
        TranscodeExecutor transcode = new TranscodeExecutor(store, presets, prober, transcoder,
                config.minFreeDiskMb() * 1024 * 1024, Duration.ofSeconds(60), Clock.systemUTC());
        this.submitter = new JobSubmitter(store, presets, mediaRoots);
        this.reports = new ReportService(store, presets, tools, Clock.systemUTC());
        OperationKit kit = new OperationKit(store, tools, prober, selector, new FfmpegRunner(),
                config.minFreeDiskMb() * 1024 * 1024, Duration.ofSeconds(60));
        ImportExecutor imports = new ImportExecutor(config.minFreeDiskMb() * 1024 * 1024);
        List<TaskExecutor> executors = List.of(transcode, imports, new IngestExecutor(kit, new UrlDownloader(ingest), prober),
                new SequenceExecutor(kit), new ConcatExecutor(kit), new ExtractExecutor(kit), new RenderExecutor(kit),
                new ThumbnailsExecutor(kit));
        this.pool = new WorkerPool(store, executors, settings).onJobEnded(reports::writeFor);
    }

    /** Builds the engine; call {@link #start()} to begin working. Presets load (and validate) now. */
    public static Engine create(JobStore store, SpoolConfig config, MediaTools tools, WorkerSettings settings,
                                List<Path> mediaRoots) {
        return create(store, config, tools, settings, mediaRoots,
                IngestSettings.fromEnvironment(config.dataDir(), System.getenv()));
    }

    /** As above with explicit URL-ingest settings (tests: short backoff, loopback allowed). */
    public static Engine create(JobStore store, SpoolConfig config, MediaTools tools, WorkerSettings settings,
                                List<Path> mediaRoots, IngestSettings ingest) {
        return new Engine(store, config, tools, settings, mediaRoots, ingest);
    }

    public Engine start() {
        // Trial encodes take about a second; run them while the store opens and the first clip is probed
        // rather than in front of the first encode. Later callers wait on the same cached detection.
        Thread warmUp = new Thread(() -> {
            try {
                selector.report();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Engine.class).warn("encoder detection failed: {}", e.getMessage());
            }
        }, "spool-encoder-detection");
        warmUp.setDaemon(true);
        warmUp.start();
        pool.start();
        return this;
    }

    /** A worker id that stays the same across restarts of this process kind on this host. */
    public static String workerId(String name) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return host + "/" + name;
    }

    public JobStore store() {
        return store;
    }

    public JobSubmitter submitter() {
        return submitter;
    }

    public WorkerPool pool() {
        return pool;
    }

    public MediaTools tools() {
        return tools;
    }

    public EncoderSelector encoders() {
        return selector;
    }

    public PresetRegistry presets() {
        return presets.get();
    }

    public ReportService reports() {
        return reports;
    }

    public MediaProber prober() {
        return prober;
    }

    @Override
    public void close() {
        pool.close();
    }
}

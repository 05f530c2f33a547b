package dev.spool.api;

import dev.spool.Version;
import dev.spool.engine.JobSubmitter;
import dev.spool.media.encoder.EncoderReport;
import dev.spool.preset.PresetRegistry;
import dev.spool.store.JobStats;
import dev.spool.store.SqlJobStore;
import dev.spool.store.TokenStore;
import dev.spool.store.WatchStore;
import dev.spool.store.WebhookStore;
import dev.spool.store.WorkerRegistry;
import dev.spool.watch.WatchFolderValidator;
import dev.spool.watch.WatchFolders;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Spool's HTTP server: REST under {@code /api/v1}, live events (SSE and WebSocket), signed webhooks,
 * {@code /health}, {@code /ready}, {@code /metrics} and the seed-compatible aliases ({@code /jobs},
 * {@code /events}). Build it with {@link #builder(SqlJobStore)}, then {@link #start()} and {@link #close()}:
 *
 * <pre>{@code
 * try (SpoolServer server = SpoolServer.builder(store)
 *         .settings(ApiSettings.fromEnvironment(System.getenv()).withListen("0.0.0.0", 8470))
 *         .presets(() -> registry).presetsDir(presetsDir)
 *         .encoders(selector::report)          // optional
 *         .onSubmit(workerPool::wakeUp)        // optional: run new work at once
 *         .build().start()) {
 *     ...
 * }
 * }</pre>
 *
 * The server does not own the store: closing it stops HTTP, event delivery and webhooks only.
 */
public final class SpoolServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SpoolServer.class);
    static final Set<String> STREAM_PATHS = Set.of(JobRoutes.V1 + "/events", JobRoutes.V1 + "/ws", "/events");

    private final ApiSettings settings;
    private final SqlJobStore store;
    private final TokenStore tokens;
    private final Authenticator auth;
    private final EventHub hub;
    private final WebhookDispatcher webhooks;
    private final ApiMetrics metrics;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Javalin app;
    private boolean started;

    /** A registered route: an HTTP method ({@code GET}, {@code POST} ...) or {@code WS}, and its path. */
    public record Route(String method, String path) {
    }

    private SpoolServer(Builder b) {
        this.settings = b.settings;
        this.store = b.store;
        var db = store.database();
        this.tokens = new TokenStore(db);
        this.auth = new Authenticator(tokens);
        WorkerRegistry workers = new WorkerRegistry(db);
        WebhookStore webhookStore = new WebhookStore(db);
        JobStats stats = new JobStats(db);
        this.hub = new EventHub(store, settings.eventPoll(), settings.wsPing());
        this.metrics = new ApiMetrics(store, stats, workers, b.clock);
        hub.addListener(metrics::onEvents);
        this.webhooks = new WebhookDispatcher(store, webhookStore, settings, b.clock, b.nodeId, metrics::webhookAttempt);
        MediaFiles media = new MediaFiles(settings.mediaRoots(), b.dataDir, b.maxUploadBytes, b.clock);
        JobSubmitter submitter = new JobSubmitter(store, b.presets, media.sourceRoots());
        JobRoutes jobs = new JobRoutes(store, stats, submitter, b.presets, webhooks, webhookStore, settings, b.onSubmit,
                b.clock);
        CatalogRoutes catalog = new CatalogRoutes(b.presets, b.presetsDir, b.encoders, workers, settings, b.clock);
        EventStreams streams = new EventStreams(hub, store, jobs.views(), settings.wsPing().toMillis());
        CompatRoutes compat = new CompatRoutes(jobs, store, settings);
        WatchRoutes watch = new WatchRoutes(new WatchFolders(new WatchStore(db),
                new WatchFolderValidator(b.presets, settings.mediaRoots())), settings);

        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.jsonMapper(Json.javalinMapper());
            cfg.http.maxRequestSize = settings.maxBodyBytes();
            // the dashboard (issue 6): plain files from the jar, no build step; data comes from /api/v1
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/web";
                sf.location = io.javalin.http.staticfiles.Location.CLASSPATH;
                sf.headers = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff");
            });
            cfg.events(ev -> {
                ev.handlerAdded(h -> {
                    if (isEndpoint(h.getHttpMethod())) routes.add(new Route(h.getHttpMethod().name(), h.getPath()));
                });
                ev.wsHandlerAdded(h -> routes.add(new Route("WS", h.getPath())));
            });
        });
        ErrorMapper.install(app);
        app.before("/api/*", this::authorize);
        app.before("/jobs", this::authorize);
        app.before("/jobs/*", this::authorize);
        app.wsBeforeUpgrade(this::authorizeUpgrade);
        app.get("/health", ctx -> health(ctx, settings.healthPublic()));
        app.get("/ready", ctx -> health(ctx, settings.healthPublic()));
        app.get("/metrics", this::metrics);
        app.get(JobRoutes.V1 + "/openapi.json", SpoolServer::openApi);
        jobs.register(app);
        catalog.register(app);
        streams.register(app);
        compat.register(app);
        media.register(app);
        watch.register(app);
    }

    public static Builder builder(SqlJobStore store) {
        return new Builder(store);
    }

    /**
     * Starts listening and delivering events and webhooks.
     *
     * @throws InsecureListenException when listening beyond loopback with no token and no {@code --insecure}
     */
    public SpoolServer start() {
        if (!isLoopback(settings.host()) && !settings.insecure() && !tokens.any()) {
            throw new InsecureListenException(settings.host());
        }
        hub.start();
        webhooks.start();
        app.start(settings.host(), settings.port());
        started = true;
        log.info("Spool API listening on http://{}:{} ({}; webhooks {})", settings.host(), app.port(),
                tokens.any() ? "API tokens required" : "no API token configured: open to anyone who can connect",
                settings.webhookSecret() == null ? "disabled (no SPOOL_WEBHOOK_SECRET)" : "enabled");
        return this;
    }

    /** The port actually listened on (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** {@code http://host:port}. */
    public URI baseUri() {
        String host = settings.host().equals("0.0.0.0") ? "127.0.0.1" : settings.host();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /** Every HTTP endpoint and WebSocket route, as registered (what the OpenAPI document must describe). */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    @Override
    public void close() {
        if (started) app.stop();
        webhooks.close();
        hub.close();
    }

    private void authorize(Context ctx) {
        if (ctx.method() == HandlerType.OPTIONS) return;
        if (STREAM_PATHS.contains(ctx.path())) auth.requireForStream(ctx);
        else auth.require(ctx);
    }

    private void authorizeUpgrade(Context ctx) {
        auth.requireForStream(ctx);
    }

    private void health(Context ctx, boolean isPublic) {
        if (!isPublic) auth.require(ctx);
        try {
            store.lastEventId();
            ctx.json(Map.of("status", "ok", "version", Version.get(), "database", "ok"));
        } catch (RuntimeException e) {
            log.warn("health check: database unavailable: {}", e.getMessage());
            ctx.status(503).json(Map.of("status", "unavailable", "version", Version.get(), "database", "unavailable"));
        }
    }

    private void metrics(Context ctx) {
        if (!settings.metricsPublic()) auth.require(ctx);
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    private static void openApi(Context ctx) throws IOException {
        try (InputStream in = SpoolServer.class.getResourceAsStream("/api/openapi.json")) {
            if (in == null) throw new IllegalStateException("openapi.json is missing from the jar");
            ctx.contentType("application/json").result(in.readAllBytes());
        }
    }

    private static boolean isEndpoint(HandlerType t) {
        return t == HandlerType.GET || t == HandlerType.POST || t == HandlerType.PUT || t == HandlerType.PATCH
                || t == HandlerType.DELETE;
    }

    static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) return false;
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The built-in library, loaded once on first use (loading parses and validates every preset). */
    private enum BuiltIns implements Supplier<PresetRegistry> {
        INSTANCE;
        private volatile PresetRegistry registry;

        @Override
        public PresetRegistry get() {
            PresetRegistry r = registry;
            if (r == null) registry = r = PresetRegistry.builtIn();
            return r;
        }
    }

    /** Builds a {@link SpoolServer}; only the store is required. */
    public static final class Builder {
        private final SqlJobStore store;
        private ApiSettings settings = ApiSettings.defaults();
        private Supplier<PresetRegistry> presets = BuiltIns.INSTANCE;
        private Path presetsDir;
        private Supplier<EncoderReport> encoders;
        private Runnable onSubmit = () -> { };
        private Clock clock = Clock.systemUTC();
        private String nodeId = "api-" + UUID.randomUUID();
        private Path dataDir;
        private long maxUploadBytes = MediaFiles.DEFAULT_MAX_UPLOAD_BYTES;

        private Builder(SqlJobStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        public Builder settings(ApiSettings s) {
            this.settings = Objects.requireNonNull(s);
            return this;
        }

        /** The preset registry (default: built-ins only); called per request so a reload can swap it. */
        public Builder presets(Supplier<PresetRegistry> p) {
            this.presets = Objects.requireNonNull(p);
            return this;
        }

        /** The presets folder posted presets are validated against (default none: built-ins only). */
        public Builder presetsDir(Path dir) {
            this.presetsDir = dir;
            return this;
        }

        /** Encoder detection for {@code GET /api/v1/encoders} (default none: 503). */
        public Builder encoders(Supplier<EncoderReport> e) {
            this.encoders = e;
            return this;
        }

        /** Called after a job is submitted, resumed or retried (e.g. {@code workerPool::wakeUp}). */
        public Builder onSubmit(Runnable r) {
            this.onSubmit = Objects.requireNonNull(r);
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        /** This API node's identity for leadership of webhook delivery (default: random per process). */
        public Builder nodeId(String id) {
            this.nodeId = Objects.requireNonNull(id);
            return this;
        }

        /**
         * The data directory: uploads go to {@code <dataDir>/uploads}, and without media roots the dashboard's
         * file browser shows only {@code <dataDir>/media} (default none: no uploads, nothing to browse).
         */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Largest accepted upload (default 4 GiB); larger gets 413. */
        public Builder maxUploadBytes(long bytes) {
            if (bytes < 1) throw new IllegalArgumentException("maxUploadBytes must be positive");
            this.maxUploadBytes = bytes;
            return this;
        }

        public SpoolServer build() {
            return new SpoolServer(this);
        }
    }
}

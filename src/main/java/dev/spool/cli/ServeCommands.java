package dev.spool.cli;

import dev.spool.api.ApiSettings;
import dev.spool.api.SpoolServer;
import dev.spool.app.Engine;
import dev.spool.engine.WorkerPresence;
import dev.spool.store.SqlJobStore;
import dev.spool.store.WorkerRegistry;
import dev.spool.engine.WorkerSettings;
import dev.spool.watch.WatchService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code spool serve} (worker pool in-process, the single-machine server) and {@code spool worker} (a
 * standalone worker against a shared database). Both drain on SIGTERM: running clips finish within the
 * grace period, nothing new starts; what is still running after it is handed back to the queue.
 */
final class ServeCommands {
    private ServeCommands() {
    }

    static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /** Where and whether the HTTP API listens; null for a worker without API. */
    record Listen(String host, Integer port, boolean insecure) {
    }

    static int serve(GlobalOptions global, PrintWriter out, String name, Integer slots, Duration grace, Duration lease,
                     Listen listen, boolean watchFolders) throws InterruptedException {
        var tools = global.mediaTools();
        try (SqlJobStore store = global.openStore()) {
            WorkerSettings settings = WorkerSettings.defaults(Engine.workerId(name));
            if (slots != null) {
                if (slots < 1) throw CliException.invalidInput("--slots must be at least 1");
                settings = settings.withSlots(slots);
            }
            if (lease != null) settings = settings.withLease(lease, lease.dividedBy(3));
            ApiSettings api = ApiSettings.fromEnvironment(System.getenv());
            if (listen != null) {
                api = api.withListen(listen.host() != null ? listen.host() : api.host(),
                        listen.port() != null ? listen.port() : api.port()).withInsecure(listen.insecure());
            }
            Engine engine = Engine.create(store, global.config(), tools, settings, api.mediaRoots());
            SpoolServer http = null;
            if (listen != null) {
                http = SpoolServer.builder(store).settings(api).presets(engine::presets)
                        .presetsDir(global.config().dataDir().resolve("presets")).dataDir(global.config().dataDir())
                        .encoders(engine.encoders()::report).onSubmit(engine.pool()::wakeUp)
                        .nodeId(settings.workerId()).build().start();
            }
            WorkerPresence presence = new WorkerPresence(engine.pool(), new WorkerRegistry(store.database()));
            // scans only while this node holds the "watch" leadership, so several servers never ingest twice
            WatchService watch = watchFolders
                    ? WatchService.forEngine(engine, store, global.config().minFreeDiskMb(), settings.workerId()) : null;
            // The drain hook is in place before any work is claimed: a SIGTERM at any moment after this line
            // lets running clips finish instead of abandoning a claimed task.
            SpoolServer server = http;
            CountDownLatch stopped = new CountDownLatch(1);
            CountDownLatch drained = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopped.countDown();
                if (watch != null) watch.close();
                engine.pool().drain(grace);
                if (server != null) server.close();
                presence.close();
                engine.close();
                drained.countDown();
            }, "spool-drain"));
            engine.start();
            if (watch != null) watch.start();
            presence.start(hostName(), settings.heartbeat());
            out.println("Spool worker " + settings.workerId() + " running " + settings.cpuSlots() + " slot(s) on "
                    + store.describe() + "; " + tools.describe());
            if (server != null) out.println("API and dashboard on " + server.baseUri());
            out.println("Stop with Ctrl-C or SIGTERM (running clips get " + grace.toSeconds() + " s to finish).");
            out.flush();
            stopped.await();
            drained.await();
            return ExitCode.OK;
        }
    }

    /** Options every worker process takes. */
    static final class WorkerOptions {
        @Option(names = "--slots", description = "Clips encoded at the same time (default: half the cores).")
        Integer slots;

        @Option(names = "--grace", defaultValue = "PT60S", description = "How long running clips may finish on shutdown (ISO-8601, default ${DEFAULT-VALUE}).")
        Duration grace;

        @Option(names = "--lease", description = "Lease length (ISO-8601, default PT30S); heartbeats renew it every third.")
        Duration lease;
    }

    @Command(name = "serve", description = "Run Spool on this machine: a worker pool and the HTTP API over the store (the embedded one by default).")
    static final class Serve implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Mixin
        WorkerOptions worker;

        @Option(names = "--name", defaultValue = "serve", description = "Worker name, unique per process on a host (default ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--host", description = "Address the HTTP API listens on (default $SPOOL_HOST or 127.0.0.1).")
        String host;

        @Option(names = "--port", description = "HTTP port (default $SPOOL_PORT or 8470; 0 picks a free one).")
        Integer port;

        @Option(names = "--insecure", description = "Allow listening on a non-loopback address without any API token.")
        boolean insecure;

        @Option(names = "--no-api", description = "Run only the worker pool, without the HTTP API.")
        boolean noApi;

        @Option(names = "--no-watch", description = "Do not scan watch folders in this process.")
        boolean noWatch;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            return serve(global, spec.commandLine().getOut(), name, worker.slots, worker.grace, worker.lease,
                    noApi ? null : new Listen(host, port, insecure), !noWatch);
        }
    }

    @Command(name = "worker", description = "Run a standalone worker against a shared store (--db postgresql://...).")
    static final class Worker implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Mixin
        WorkerOptions worker;

        @Option(names = "--name", defaultValue = "worker", description = "Worker name, unique per process on a host (default ${DEFAULT-VALUE}).")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            return serve(global, spec.commandLine().getOut(), name, worker.slots, worker.grace, worker.lease, null, false);
        }
    }
}

package dev.spool.cli;

import dev.spool.engine.Engine;
import dev.spool.engine.WorkerSettings;
import dev.spool.store.JobStore;
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

    static int serve(GlobalOptions global, PrintWriter out, String name, Integer slots, Duration grace, Duration lease)
            throws InterruptedException {
        var tools = global.mediaTools();
        try (JobStore store = global.openStore()) {
            WorkerSettings settings = WorkerSettings.defaults(Engine.workerId(name));
            if (slots != null) {
                if (slots < 1) throw CliException.invalidInput("--slots must be at least 1");
                settings = settings.withSlots(slots);
            }
            if (lease != null) settings = settings.withLease(lease, lease.dividedBy(3));
            Engine engine = Engine.create(store, global.config(), tools, settings, List.of()).start();
            CountDownLatch stopped = new CountDownLatch(1);
            CountDownLatch drained = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopped.countDown();
                engine.pool().drain(grace);
                engine.close();
                drained.countDown();
            }, "spool-drain"));
            out.println("Spool worker " + settings.workerId() + " running " + settings.cpuSlots() + " slot(s) on "
                    + store.describe() + "; " + tools.describe());
            out.println("Stop with Ctrl-C or SIGTERM (running clips get " + grace.toSeconds() + " s to finish).");
            out.flush();
            stopped.await();
            drained.await();
            return ExitCode.OK;
        }
    }

    @Command(name = "serve", description = "Run Spool on this machine: a worker pool over the store (the embedded one by default).")
    static final class Serve implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Option(names = "--slots", description = "Clips encoded at the same time (default: half the cores).")
        Integer slots;

        @Option(names = "--grace", defaultValue = "PT60S", description = "How long running clips may finish on shutdown (ISO-8601, default ${DEFAULT-VALUE}).")
        Duration grace;

        @Option(names = "--lease", description = "Lease length (ISO-8601, default PT30S); heartbeats renew it every third.")
        Duration lease;

        @Option(names = "--name", defaultValue = "serve", description = "Worker name, unique per process on a host (default ${DEFAULT-VALUE}).")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            return serve(global, spec.commandLine().getOut(), name, slots, grace, lease);
        }
    }

    @Command(name = "worker", description = "Run a standalone worker against a shared store (--db postgresql://...).")
    static final class Worker implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Option(names = "--slots", description = "Clips encoded at the same time (default: half the cores).")
        Integer slots;

        @Option(names = "--grace", defaultValue = "PT60S", description = "How long running clips may finish on shutdown (default ${DEFAULT-VALUE}).")
        Duration grace;

        @Option(names = "--lease", description = "Lease length (ISO-8601, default PT30S).")
        Duration lease;

        @Option(names = "--name", defaultValue = "worker", description = "Worker name, unique per process on a host (default ${DEFAULT-VALUE}).")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            return serve(global, spec.commandLine().getOut(), name, slots, grace, lease);
        }
    }
}

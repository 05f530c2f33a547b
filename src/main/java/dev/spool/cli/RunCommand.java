package dev.spool.cli;

import dev.spool.domain.Job;
import dev.spool.domain.JobStatus;
import dev.spool.domain.RecoveryPolicy;
import dev.spool.app.Engine;
import dev.spool.engine.InvalidJobRequestException;
import dev.spool.engine.JobRequest;
import dev.spool.engine.JobSubmitter;
import dev.spool.preset.PresetRegistry;
import dev.spool.engine.WorkerSettings;
import dev.spool.store.JobStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code spool run}: the one-shot form. Creates a job on the store (the embedded one by default), runs it
 * in this process with a live progress bar, prints where the report is, and exits 0 when every clip
 * completed cleanly, 1 when some failed or warned, 2 on invalid input.
 */
@Command(name = "run", description = "Transcode SOURCES with a preset in this process, with live progress.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Parameters(arity = "1..*", paramLabel = "SOURCES", description = "Files or folders (folders are searched recursively).")
    List<String> sources;

    @Option(names = "--preset", required = true, paramLabel = "ID", description = "Preset or bundle id (spool presets list).")
    String preset;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created when missing).")
    String out;

    @Option(names = "--slots", paramLabel = "N", description = "Clips encoded at the same time (default: half the cores).")
    Integer slots;

    @Option(names = "--recovery", paramLabel = "manual|auto", description = "Recovery policy (default: the preset's).")
    String recovery;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        return runJob(global, spec.commandLine().getOut(),
                new JobRequest(null, sources, preset, out, null, recovery == null ? null : RecoveryPolicy.parse(recovery),
                        null, true), slots);
    }

    /** Shared by {@code run} and {@code demo}. */
    static int runJob(GlobalOptions global, PrintWriter out, JobRequest request, Integer slots) throws InterruptedException {
        Job done = runToEnd(global, out, request, slots);
        return done.status() == JobStatus.COMPLETED ? ExitCode.OK : ExitCode.FINISHED_WITH_FAILURES;
    }

    /** Submits, runs in-process until the job ends, prints the outcome; returns the ended job. */
    static Job runToEnd(GlobalOptions global, PrintWriter out, JobRequest request, Integer slots) throws InterruptedException {
        var tools = global.mediaTools();
        try (JobStore store = global.openStore()) {
            WorkerSettings settings = WorkerSettings.defaults(Engine.workerId("run-" + ProcessHandle.current().pid()));
            if (slots != null) {
                if (slots < 1) throw CliException.invalidInput("--slots must be at least 1");
                settings = settings.withSlots(slots);
            }
            Job job;
            PresetRegistry registry = global.presets();
            try {
                job = new JobSubmitter(store, () -> registry, List.of()).submit(request);
            } catch (InvalidJobRequestException e) {
                throw CliException.invalidInput(e.field() + ": " + e.getMessage());
            }
            out.println("Job " + job.id() + ": " + job.counts().total() + (job.presetId() == null ? " task(s)"
                    : " clip(s), preset " + job.presetId()) + " -> " + job.outputDir());
            out.flush();
            Engine running = Engine.create(store, global.config(), tools, settings.onlyJob(job.id()), List.of()).start();
            Thread stopper = new Thread(() -> running.pool().drain(Duration.ofSeconds(5)), "spool-run-shutdown");
            Runtime.getRuntime().addShutdownHook(stopper);
            Job done;
            try {
                done = new JobFollower(store, out, JobFollower.isTerminal()).follow(job.id());
                // The job is terminal once its last outcome is stored, while that slot thread may still be writing
                // the reports: let it finish instead of stopping it.
                running.pool().drain(Duration.ofSeconds(30));
            } finally {
                running.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException ignored) {
                    // already shutting down
                }
            }
            done = running.reports().writeFor(done);
            out.println("Job " + done.id() + " " + done.status() + ": " + JobViews.summary(done));
            if (done.reportDir() != null) out.println("Report: " + done.reportDir());
            out.flush();
            return done;
        }
    }
}

package dev.spool.cli;

import dev.spool.domain.Job;
import dev.spool.domain.JobControl;
import dev.spool.domain.Task;
import dev.spool.store.JobStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Shared shape of the operator controls (002, Operator Control): load the job, refuse with the reason
 * (exit 2) when its state does not allow the control, print what will happen, ask unless {@code --yes},
 * then act. The store re-checks the state inside its transaction, so a race is refused the same way.
 */
abstract class JobControlCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", paramLabel = "JOB", description = "Job id.")
    String jobId;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Spec
    CommandSpec spec;

    @ParentCommand
    SpoolCommand root;

    abstract JobControl control();

    /** Lines describing what will happen; may validate and throw {@link CliException}. */
    abstract List<String> plan(JobStore store, Job job, List<Task> tasks);

    /** The question to confirm, in 002's wording. */
    abstract String question(Job job);

    /** Performs the control; returns the line to print afterwards. */
    abstract String act(JobStore store, Job job);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (JobStore store = global.openStore()) {
            Job job = store.getJob(jobId);
            control().check(job.id(), job.status());
            for (String line : plan(store, job, store.tasksOf(job.id()))) out.println(line);
            Confirmation.require(question(job), yes, root.in, out);
            out.println(act(store, job));
            out.flush();
            return ExitCode.OK;
        }
    }

    /** Refuses (exit 2, with the preset problem) when the job's preset, or its inline outputs, no longer resolve. */
    void requirePresetResolves(Job job) {
        if (job.presetId() != null) {
            dev.spool.engine.InlineOutputs.registryFor(global.presets(), job.spec()).resolve(job.presetId());
        }
    }

    static String clip(Task t) {
        return String.format("  #%-3d %-9s %s", t.seq() + 1, t.status(), t.source() == null ? t.kind() : t.source());
    }
}

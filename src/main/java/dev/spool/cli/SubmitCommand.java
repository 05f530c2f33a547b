package dev.spool.cli;

import dev.spool.domain.Job;
import dev.spool.domain.JobStatus;
import dev.spool.domain.RecoveryPolicy;
import dev.spool.engine.InvalidJobRequestException;
import dev.spool.engine.JobRequest;
import dev.spool.engine.JobSubmitter;
import dev.spool.preset.PresetRegistry;
import dev.spool.store.JobStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code spool submit}: create a job on the configured store for running servers/workers to execute. */
@Command(name = "submit", description = "Create a transcode job on the configured store; workers (spool serve / spool worker) run it.")
final class SubmitCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Parameters(arity = "1..*", paramLabel = "SOURCES", description = "Files or folders (folders are searched recursively).")
    List<String> sources;

    @Option(names = "--preset", required = true, paramLabel = "ID", description = "Preset or bundle id.")
    String preset;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    String out;

    @Option(names = "--priority", description = "Higher runs first (default: the preset's).")
    Integer priority;

    @Option(names = "--recovery", paramLabel = "manual|auto", description = "Recovery policy (default: the preset's).")
    String recovery;

    @Option(names = "--max-attempts", description = "Attempts per clip under auto recovery (default: the preset's).")
    Integer maxAttempts;

    @Option(names = "--hold", description = "Create the job PENDING; it runs after 'spool start JOB'.")
    boolean hold;

    @Option(names = "--wait", description = "Follow the job until it ends; exit 0 all completed, 1 failures or warnings.")
    boolean waitForEnd;

    @Option(names = "--json", description = "Print the created job as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (JobStore store = global.openStore()) {
            PresetRegistry registry = global.presets();
            Job job;
            try {
                job = new JobSubmitter(store, () -> registry, List.of()).submit(new JobRequest(null, sources, preset,
                        this.out, priority, recovery == null ? null : RecoveryPolicy.parse(recovery), maxAttempts, !hold));
            } catch (InvalidJobRequestException e) {
                throw CliException.invalidInput(e.field() + ": " + e.getMessage());
            }
            if (json) {
                Map<String, Object> doc = JobViews.job(job);
                out.println(JobViews.JSON.writeValueAsString(doc));
            } else {
                out.println(job.id());
            }
            out.flush();
            if (!waitForEnd) return ExitCode.OK;
            Job done = new JobFollower(store, out, JobFollower.isTerminal()).follow(job.id());
            out.println("Job " + done.id() + " " + done.status() + ": " + JobViews.summary(done));
            out.flush();
            return done.status() == JobStatus.COMPLETED ? ExitCode.OK : ExitCode.FINISHED_WITH_FAILURES;
        }
    }
}

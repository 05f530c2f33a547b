package dev.spool.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.spool.domain.Job;
import dev.spool.domain.Task;
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

/** {@code spool show JOB}: a job, its clips and where its reports are. */
@Command(name = "show", description = "Show a job, its clips, failure reasons and where its reports are.")
final class ShowCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", paramLabel = "JOB")
    String jobId;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        try (JobStore store = global.openStore()) {
            Job job = store.getJob(jobId);
            List<Task> tasks = store.tasksOf(jobId);
            if (json) {
                Map<String, Object> doc = JobViews.job(job);
                doc.put("tasks", JobViews.tasks(tasks));
                out.println(JobViews.JSON.writeValueAsString(doc));
            } else {
                out.println("Job      " + job.id() + (job.name() == null ? "" : "  (" + job.name() + ")"));
                out.println("Status   " + job.status() + (job.failureReason() == null ? "" : ": " + job.failureReason()));
                out.println("Clips    " + JobViews.summary(job));
                out.println("Preset   " + (job.presetId() == null ? "-" : job.presetId())
                        + "    Output " + (job.outputDir() == null ? "-" : job.outputDir()));
                out.println("Policy   recovery " + job.recoveryPolicy().wireName() + ", max attempts " + job.maxAttempts()
                        + ", priority " + job.priority());
                out.println("Time     created " + job.createdAt() + ", ran " + JobViews.age(job.startedAt(), job.finishedAt()));
                out.println("Reports  " + (job.reportDir() == null ? "(written when the job ends)" : job.reportDir()));
                out.println();
                for (Task t : tasks) {
                    out.println(JobControlCommand.clip(t) + (t.attempt() > 1 ? "  (attempt " + t.attempt() + ")" : ""));
                    if (t.failureReason() != null) out.println("        reason: " + t.failureReason());
                    for (String w : t.warnings()) out.println("        warning: " + w);
                }
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}

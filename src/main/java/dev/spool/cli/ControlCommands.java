package dev.spool.cli;

import dev.spool.domain.Job;
import dev.spool.domain.JobControl;
import dev.spool.domain.Task;
import dev.spool.domain.TaskStatus;
import dev.spool.preset.PresetRegistry;
import dev.spool.store.JobStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The operator control commands: resume, retry-failed, cancel, pause, rebind. */
final class ControlCommands {
    private ControlCommands() {
    }

    static List<String> tasksIn(List<Task> tasks, TaskStatus status, String heading) {
        List<String> lines = new ArrayList<>();
        List<Task> matching = tasks.stream().filter(t -> t.status() == status).toList();
        lines.add(heading + " (" + matching.size() + "):");
        matching.forEach(t -> lines.add(JobControlCommand.clip(t)));
        return lines;
    }

    @Command(name = "resume", description = "Resume a PAUSED or RECOVERY_REQUIRED job. Completed clips are never re-run.")
    static final class Resume extends JobControlCommand {
        @Override
        JobControl control() {
            return JobControl.RESUME;
        }

        @Override
        List<String> plan(JobStore store, Job job, List<Task> tasks) {
            requirePresetResolves(job);
            if (job.outputDir() != null) {
                Path out = Path.of(job.outputDir());
                if (Files.exists(out) && !Files.isWritable(out)) {
                    throw CliException.invalidInput("output folder " + out + " is not writable; fix it before resuming");
                }
            }
            List<String> lines = new ArrayList<>();
            lines.add("Job " + job.id() + " is " + job.status()
                    + (job.failureReason() == null ? "" : " (" + job.failureReason() + ")") + ".");
            lines.addAll(tasksIn(tasks, TaskStatus.QUEUED, "Clips that will run"));
            long done = tasks.stream().filter(t -> t.status() == TaskStatus.COMPLETED).count();
            lines.add("Completed clips that will NOT be re-run: " + done);
            return lines;
        }

        @Override
        String question(Job job) {
            return "Resume job? Completed clips will NOT be re-run.";
        }

        @Override
        String act(JobStore store, Job job) {
            return "Resumed job " + job.id() + ": " + store.resume(job.id()).size() + " clip(s) queued.";
        }
    }

    @Command(name = "retry-failed", description = "Re-queue the FAILED clips of a job. Completed clips are never re-run.")
    static final class RetryFailed extends JobControlCommand {
        @Override
        JobControl control() {
            return JobControl.RETRY_FAILED;
        }

        @Override
        List<String> plan(JobStore store, Job job, List<Task> tasks) {
            if (tasks.stream().noneMatch(t -> t.status() == TaskStatus.FAILED)) {
                throw CliException.invalidInput("job " + job.id() + " has no FAILED clips to retry");
            }
            List<String> lines = tasksIn(tasks, TaskStatus.FAILED, "Failed clips that will be retried");
            lines.add("Completed clips will NOT be re-run. An output that exists is handled by the preset's duplicates rule.");
            return lines;
        }

        @Override
        String question(Job job) {
            return "Retry failed clips? Completed clips will NOT be re-run.";
        }

        @Override
        String act(JobStore store, Job job) {
            return "Re-queued " + store.retryFailed(job.id()).size() + " failed clip(s) of job " + job.id() + ".";
        }
    }

    @Command(name = "cancel", description = "Cancel a job: queued clips are skipped; running clips finish unless --stop.")
    static final class Cancel extends JobControlCommand {
        @Option(names = "--stop", description = "Also stop clips that are running now (their partial outputs are removed).")
        boolean stop;

        @Override
        JobControl control() {
            return JobControl.CANCEL;
        }

        @Override
        List<String> plan(JobStore store, Job job, List<Task> tasks) {
            long queued = tasks.stream().filter(t -> t.status() == TaskStatus.QUEUED).count();
            long running = tasks.stream().filter(t -> t.status() == TaskStatus.RUNNING).count();
            return List.of(queued + " queued clip(s) will be SKIPPED with reason \"cancelled\".",
                    running + " running clip(s) will " + (stop ? "be stopped." : "finish."),
                    "A CANCELLED job cannot be resumed.");
        }

        @Override
        String question(Job job) {
            return "Cancel job? This cannot be undone.";
        }

        @Override
        String act(JobStore store, Job job) {
            return "Job " + job.id() + " is " + store.cancel(job.id(), stop).status() + ".";
        }
    }

    @Command(name = "start", description = "Start a PENDING job (one submitted with --hold, or by a watch folder without auto-execute).")
    static final class Start extends JobControlCommand {
        @Override
        JobControl control() {
            return JobControl.START;
        }

        @Override
        List<String> plan(JobStore store, Job job, List<Task> tasks) {
            requirePresetResolves(job);
            return tasksIn(tasks, TaskStatus.QUEUED, "Clips that will run with preset " + job.presetId());
        }

        @Override
        String question(Job job) {
            return "Start job?";
        }

        @Override
        String act(JobStore store, Job job) {
            return "Job " + job.id() + " is " + store.start(job.id()).status() + ".";
        }
    }

    @Command(name = "pause", description = "Pause a RUNNING job: running clips finish, no new clips start.")
    static final class Pause extends JobControlCommand {
        @Override
        JobControl control() {
            return JobControl.PAUSE;
        }

        @Override
        List<String> plan(JobStore store, Job job, List<Task> tasks) {
            long running = tasks.stream().filter(t -> t.status() == TaskStatus.RUNNING).count();
            return List.of(running + " running clip(s) will finish; no new clips will start until 'spool resume'.");
        }

        @Override
        String question(Job job) {
            return "Pause job?";
        }

        @Override
        String act(JobStore store, Job job) {
            return "Job " + job.id() + " is " + store.pause(job.id()).status() + ".";
        }
    }

    @Command(name = "rebind", description = "Bind another preset to a PENDING or RECOVERY_REQUIRED job.")
    static final class Rebind extends JobControlCommand {
        @Option(names = "--preset", required = true, paramLabel = "ID", description = "The preset to bind.")
        String presetId;

        @Override
        JobControl control() {
            return JobControl.REBIND;
        }

        @Override
        List<String> plan(JobStore store, Job job, List<Task> tasks) {
            global.presets().resolve(presetId);
            return List.of("Preset " + (job.presetId() == null ? "(none)" : job.presetId()) + " will be replaced by "
                    + presetId + " for every clip that has not completed.");
        }

        @Override
        String question(Job job) {
            return "Rebind preset?";
        }

        @Override
        String act(JobStore store, Job job) {
            return "Job " + job.id() + " now uses preset " + store.rebind(job.id(), presetId).presetId() + ".";
        }
    }
}

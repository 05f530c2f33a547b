package dev.spool.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.spool.domain.Job;
import dev.spool.domain.JobStatus;
import dev.spool.store.JobStore;
import dev.spool.store.Page;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code spool jobs}: jobs newest first. */
@Command(name = "jobs", description = "List jobs, newest first.")
final class JobsCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Option(names = "--status", split = ",", paramLabel = "STATUS", description = "Only these statuses (comma-separated).")
    List<JobStatus> statuses;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--cursor", description = "Continue after a previous page (its nextCursor).")
    String cursor;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        if (limit < 1 || limit > 1000) throw CliException.invalidInput("--limit must be between 1 and 1000");
        PrintWriter out = spec.commandLine().getOut();
        try (JobStore store = global.openStore()) {
            Set<JobStatus> filter = statuses == null || statuses.isEmpty() ? Set.of() : EnumSet.copyOf(statuses);
            Page<Job> page = store.listJobs(filter, cursor, limit);
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("jobs", page.items().stream().map(JobViews::job).toList());
                doc.put("nextCursor", page.nextCursor());
                out.println(JobViews.JSON.writeValueAsString(doc));
            } else if (page.items().isEmpty()) {
                out.println("No jobs.");
            } else {
                out.printf("%-36s  %-23s  %-20s  %s%n", "JOB", "STATUS", "CREATED", "CLIPS");
                for (Job j : page.items()) {
                    out.printf("%-36s  %-23s  %-20s  %s%n", j.id(), j.status(),
                            j.createdAt().toString().substring(0, 19).replace('T', ' '), JobViews.summary(j));
                }
                if (page.nextCursor() != null) out.println("more: spool jobs --cursor " + page.nextCursor());
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}

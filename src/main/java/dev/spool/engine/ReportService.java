package dev.spool.engine;

import dev.spool.domain.Job;
import dev.spool.engine.report.Diagnostics;
import dev.spool.engine.report.JobReport;
import dev.spool.engine.report.ReportException;
import dev.spool.engine.report.ReportFormat;
import dev.spool.engine.report.ReportWriter;
import dev.spool.media.tools.MediaTools;
import dev.spool.preset.PresetRegistry;
import dev.spool.preset.PresetValidationException;
import dev.spool.preset.ReportingPreset;
import dev.spool.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes an ended job's reports where its preset's REPORTING rule says (relative to the output folder, or
 * absolute; CSV, JSON and TXT by default) and records the folder on the job. Idempotent: a job whose
 * reports were written is left alone. A report failure is logged and never changes the job's status.
 */
public final class ReportService {
    private static final Logger log = LoggerFactory.getLogger(ReportService.class);

    private final JobStore store;
    private final Supplier<PresetRegistry> presets;
    private final MediaTools tools;
    private final Clock clock;

    public ReportService(JobStore store, Supplier<PresetRegistry> presets, MediaTools tools, Clock clock) {
        this.store = store;
        this.presets = presets;
        this.tools = tools;
        this.clock = clock;
    }

    /** Writes the reports of {@code job} if it ended and has none yet; returns the job as now stored. */
    public Job writeFor(Job job) {
        Job current = store.getJob(job.id());
        if (!current.status().isTerminal() || current.reportDir() != null) return current;
        Path dir = folderFor(current);
        Set<ReportFormat> formats = formatsFor(current);
        try {
            ReportWriter.write(JobReport.of(current, store.tasksOf(current.id())), Diagnostics.capture(tools, clock), dir,
                    formats);
            store.setReportDir(current.id(), dir.toString());
        } catch (ReportException e) {
            log.error("job {}: reports not written: {}", current.id(), e.getMessage());
        }
        return store.getJob(current.id());
    }

    private ReportingPreset reporting(Job job) {
        if (job.presetId() == null) return null;
        try {
            return presets.get().resolve(job.presetId()).reporting();
        } catch (PresetValidationException e) {
            return null;
        }
    }

    private Path folderFor(Job job) {
        Path base = job.outputDir() != null ? Path.of(job.outputDir()) : Path.of("spool-reports");
        ReportingPreset r = reporting(job);
        if (r == null || r.folder() == null || r.folder().isBlank()) return base.resolve("reports");
        Path folder = Path.of(r.folder());
        return folder.isAbsolute() ? folder : base.resolve(folder);
    }

    private Set<ReportFormat> formatsFor(Job job) {
        ReportingPreset r = reporting(job);
        if (r == null) return EnumSet.allOf(ReportFormat.class);
        Set<ReportFormat> out = EnumSet.noneOf(ReportFormat.class);
        for (ReportingPreset.Format f : r.formats()) out.add(ReportFormat.valueOf(f.name()));
        return out;
    }
}

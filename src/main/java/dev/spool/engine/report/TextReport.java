package dev.spool.engine.report;

import dev.spool.domain.TaskCounts;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The text report, for the person who has to say whether the card is done: a job summary, one block per
 * clip (classification, source, outputs with sizes and encoders, reason, warnings), a Failures section
 * with each failed clip's reason and FFmpeg stderr, and the Diagnostics (versions and the encoder each
 * clip actually used). Clips are numbered from 1, as the CLI shows them.
 */
final class TextReport {
    private static final String UNKNOWN = "unknown";

    private TextReport() {
    }

    static String render(JobReport r, Diagnostics d) {
        StringBuilder out = new StringBuilder();
        heading(out, "Spool job report", '=');
        field(out, "Job", r.jobName() == null ? r.jobId() : r.jobName() + " (" + r.jobId() + ")");
        field(out, "Status", r.status() + (r.failureReason() == null ? "" : ": " + r.failureReason()));
        field(out, "Clips", summary(r.counts()));
        field(out, "Preset", orDash(r.presetId()));
        field(out, "Output dir", orDash(r.outputDir()));
        field(out, "Created", instant(r.createdAt()));
        field(out, "Started", instant(r.startedAt()));
        field(out, "Finished", instant(r.finishedAt()));
        field(out, "Duration", r.durationSeconds() == null ? "-" : duration(r.durationSeconds()));
        for (String w : r.warnings()) {
            field(out, "Warning", w);
        }

        out.append('\n');
        heading(out, "Clips", '-');
        if (r.clips().isEmpty()) {
            out.append("(no clips)\n");
        }
        for (ClipReport c : r.clips()) {
            clip(out, c);
        }

        List<ClipReport> failed = r.clips().stream().filter(c -> c.classification() == ClipClassification.FAILED).toList();
        out.append('\n');
        heading(out, "Failures", '-');
        if (failed.isEmpty()) {
            out.append("(none)\n");
        }
        for (ClipReport c : failed) {
            out.append(label(c)).append(' ').append(orDash(c.sourcePath())).append('\n');
            line(out, "      reason: ", c.failureReason() == null ? "(no reason recorded)" : c.failureReason());
            if (c.stderrTail() == null || c.stderrTail().isBlank()) {
                out.append("      ffmpeg stderr: (none captured)\n");
            } else {
                out.append("      ffmpeg stderr (last lines):\n");
                c.stderrTail().strip().lines().forEach(line -> out.append("        | ").append(line).append('\n'));
            }
        }

        out.append('\n');
        heading(out, "Diagnostics", '-');
        field(out, "Spool", orUnknown(d.spoolVersion()));
        field(out, "Java", orUnknown(d.javaVersion()) + " (" + orUnknown(d.javaVendor()) + ")");
        field(out, "OS", orUnknown(d.osName()) + " " + orUnknown(d.osVersion()) + " (" + orUnknown(d.osArch()) + ")");
        field(out, "Host", orUnknown(d.hostname()));
        field(out, "ffmpeg", tool(d.ffmpegVersion(), d.ffmpegPath()));
        field(out, "ffprobe", tool(d.ffprobeVersion(), d.ffprobePath()));
        field(out, "Generated", instant(d.generatedAt()));
        out.append("Encoders used:\n");
        for (ClipReport c : r.clips()) {
            List<String> encoders = c.encoders();
            out.append("  ").append(label(c)).append(' ')
                    .append(encoders.isEmpty() ? "(none recorded)" : String.join(", ", encoders))
                    .append("  ").append(orDash(c.sourcePath())).append('\n');
        }
        return out.toString();
    }

    private static void clip(StringBuilder out, ClipReport c) {
        out.append(label(c)).append(' ').append(String.format(Locale.ROOT, "%-21s", c.classification()))
                .append(' ').append(c.sourcePath() == null ? c.kind() : c.sourcePath());
        StringBuilder facts = new StringBuilder();
        if (c.elapsedSeconds() != null) {
            facts.append(duration(c.elapsedSeconds()));
        }
        if (c.attempts() > 1) {
            facts.append(facts.length() > 0 ? ", " : "").append(c.attempts()).append(" attempts");
        }
        if (facts.length() > 0) {
            out.append("  (").append(facts).append(')');
        }
        out.append('\n');
        if (c.source() != null && c.source().summary() != null) {
            out.append("      source: ").append(c.source().summary()).append('\n');
        }
        for (OutputReport o : c.outputs()) {
            out.append("      -> ").append(orDash(o.name())).append("  ").append(orDash(o.path()))
                    .append("  ").append(o.sizeBytes() == null ? "size unknown" : size(o.sizeBytes()))
                    .append("  ").append(o.encoder() == null ? "encoder unknown" : o.encoder()).append('\n');
        }
        if (c.failureReason() != null) {
            line(out, "      reason: ", c.failureReason());
        }
        for (String w : c.warnings()) {
            line(out, "      warning: ", w);
        }
        if (c.resultProblem() != null) {
            out.append("      note: ").append(c.resultProblem()).append("; outputs unknown\n");
        }
    }

    /** Writes {@code prefix + text}, indenting any further lines of text under the first. */
    private static void line(StringBuilder out, String prefix, String text) {
        String indent = " ".repeat(prefix.length());
        List<String> lines = text.strip().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            out.append(i == 0 ? prefix : indent).append(lines.get(i)).append('\n');
        }
        if (lines.isEmpty()) {
            out.append(prefix.stripTrailing()).append('\n');
        }
    }

    private static String label(ClipReport c) {
        return String.format(Locale.ROOT, "#%-3d", c.seq() + 1);
    }

    private static String summary(TaskCounts n) {
        StringBuilder s = new StringBuilder().append(n.total()).append(" total: ")
                .append(n.completed()).append(" completed (").append(n.withWarnings()).append(" with warnings), ")
                .append(n.failed()).append(" failed, ")
                .append(n.skipped()).append(" skipped");
        if (n.queued() + n.running() > 0) {
            s.append(", ").append(n.queued() + n.running()).append(" not finished");
        }
        return s.toString();
    }

    private static void heading(StringBuilder out, String title, char rule) {
        out.append(title).append('\n').append(String.valueOf(rule).repeat(title.length())).append('\n');
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(String.format(Locale.ROOT, "%-11s ", name + ":")).append(value).append('\n');
    }

    private static String tool(String version, String path) {
        if (version == null && path == null) {
            return UNKNOWN + " (not located)";
        }
        return orUnknown(version) + " (" + orUnknown(path) + ")";
    }

    /** {@code 2m 34.5s}, {@code 1h 02m 03.0s}, {@code 0.8s}. */
    static String duration(double seconds) {
        long tenths = Math.round(seconds * 10);
        long h = tenths / 36000;
        long m = tenths / 600 % 60;
        String s = String.format(Locale.ROOT, "%.1fs", tenths % 600 / 10.0);
        if (h > 0) {
            return String.format(Locale.ROOT, "%dh %02dm %s", h, m, s.length() < 5 ? "0" + s : s);
        }
        return m > 0 ? m + "m " + s : s;
    }

    /** Decimal units, as file browsers show them: {@code 1.2 MB}; bytes below 1 kB exact. */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = bytes;
        int u = -1;
        while (v >= 999.95 && u < units.length - 1) { // 999.95 so that rounding never prints "1000.0 kB"
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static String instant(Instant i) {
        return i == null ? "-" : i.toString();
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private static String orUnknown(String s) {
        return s == null ? UNKNOWN : s;
    }
}

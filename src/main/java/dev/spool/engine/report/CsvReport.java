package dev.spool.engine.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CSV report: a header row, then one row per output per clip (a clip without outputs gets one row
 * with the output columns empty). RFC 4180: CRLF line ends, and a field holding a comma, a double quote,
 * CR or LF is quoted with its quotes doubled. Empty means unknown. {@code report_note} says when a
 * clip's recorded result could not be read, so its empty output columns are not mistaken for "no outputs".
 */
final class CsvReport {
    static final List<String> HEADER = List.of(
            "job_id", "clip", "task_id", "source", "status", "classification", "attempts", "elapsed_seconds",
            "output_name", "output_path", "output_size_bytes", "container", "encoder", "output_duration_seconds",
            "failure_reason", "warnings", "started_at", "finished_at", "report_note");

    private CsvReport() {
    }

    static String render(JobReport report) {
        StringBuilder out = new StringBuilder();
        row(out, HEADER);
        for (ClipReport clip : report.clips()) {
            if (clip.outputs().isEmpty()) {
                row(out, fields(report, clip, null));
            }
            for (OutputReport output : clip.outputs()) {
                row(out, fields(report, clip, output));
            }
        }
        return out.toString();
    }

    private static List<String> fields(JobReport report, ClipReport clip, OutputReport output) {
        List<String> f = new ArrayList<>(HEADER.size());
        f.add(report.jobId());
        f.add(String.valueOf(clip.seq() + 1));
        f.add(clip.taskId());
        f.add(clip.sourcePath());
        f.add(clip.status().name());
        f.add(clip.classification().name());
        f.add(String.valueOf(clip.attempts()));
        f.add(seconds(clip.elapsedSeconds()));
        f.add(output == null ? null : output.name());
        f.add(output == null ? null : output.path());
        f.add(output == null || output.sizeBytes() == null ? null : output.sizeBytes().toString());
        f.add(output == null ? null : output.container());
        f.add(output == null ? null : output.encoder());
        f.add(output == null ? null : seconds(output.durationSeconds()));
        f.add(clip.failureReason());
        // Semicolons, as 002 does: one cell per clip stays readable in a spreadsheet.
        f.add(clip.warnings().isEmpty() ? null : String.join("; ", clip.warnings()));
        f.add(instant(clip.startedAt()));
        f.add(instant(clip.finishedAt()));
        f.add(clip.resultProblem());
        return f;
    }

    private static void row(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(fields.get(i)));
        }
        out.append("\r\n");
    }

    static String quote(String field) {
        if (field == null) {
            return "";
        }
        boolean needsQuotes = field.indexOf(',') >= 0 || field.indexOf('"') >= 0
                || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0;
        return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    private static String seconds(Double s) {
        return s == null ? null : String.format(Locale.ROOT, "%.3f", s);
    }

    private static String instant(Instant i) {
        return i == null ? null : i.toString();
    }
}

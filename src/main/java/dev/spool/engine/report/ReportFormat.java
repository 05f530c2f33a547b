package dev.spool.engine.report;

/** The report files Spool writes for a job; each is named {@code spool-report-<jobId>.<extension>}. */
public enum ReportFormat {
    /** One row per output per clip, for spreadsheets. */
    CSV("csv") {
        @Override
        String render(JobReport report, Diagnostics diagnostics) {
            return CsvReport.render(report);
        }
    },
    /** The whole model and the diagnostics, for programs. */
    JSON("json") {
        @Override
        String render(JobReport report, Diagnostics diagnostics) {
            return JsonReport.render(report, diagnostics);
        }
    },
    /** A summary for people: clips, failures with FFmpeg's stderr, diagnostics. */
    TXT("txt") {
        @Override
        String render(JobReport report, Diagnostics diagnostics) {
            return TextReport.render(report, diagnostics);
        }
    };

    private final String extension;

    ReportFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** The file name of this format's report for a job. */
    public String fileName(String jobId) {
        return "spool-report-" + ReportWriter.safeName(jobId) + "." + extension;
    }

    abstract String render(JobReport report, Diagnostics diagnostics);
}

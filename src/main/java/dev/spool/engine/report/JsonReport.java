package dev.spool.engine.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.spool.domain.TaskCounts;

/**
 * The JSON report: {@code {"reportVersion":1,"job":{…, "clips":[…]},"diagnostics":{…}}}, pretty-printed,
 * times as ISO-8601 strings, unknown values as explicit nulls (never absent keys).
 */
final class JsonReport {
    /** Bump when a field changes meaning or disappears; adding fields does not bump it. */
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .addMixIn(TaskCounts.class, CountsWithTotal.class)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static String render(JobReport report, Diagnostics diagnostics) {
        try {
            return JSON.writeValueAsString(new Document(VERSION, report, diagnostics)) + "\n";
        } catch (JsonProcessingException e) {
            // The model is plain records of strings, numbers and times; this cannot happen short of a bug.
            throw new IllegalStateException("cannot serialize the report of job " + report.jobId(), e);
        }
    }

    record Document(int reportVersion, JobReport job, Diagnostics diagnostics) {
    }

    /** Adds {@code total} to the counts (the domain stays free of Jackson). */
    private abstract static class CountsWithTotal {
        @JsonProperty("total")
        abstract int total();
    }
}

package dev.spool.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.domain.Task;
import dev.spool.domain.TaskStatus;
import dev.spool.store.JobStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a task's input comes from: a file path, or an output of an earlier task of the same job
 * ({@code {"fromTask": 0, "output": 0}}), read from that task's recorded result
 * ({@code outputs[output].path}). The store only lets a task run once the tasks it depends on completed,
 * so a missing result here is a genuine inconsistency and is reported as such.
 */
public final class TaskInputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskInputs() {
    }

    /** Thrown when an input cannot be determined; its message is meant for the task's failure reason. */
    public static final class UnavailableInputException extends Exception {
        public UnavailableInputException(String message) {
            super(message);
        }
    }

    /** True when {@code input} refers to another task's output. */
    public static boolean isReference(JsonNode input) {
        return input != null && input.isObject() && input.has("fromTask");
    }

    public static Path resolve(JobStore store, Task task, JsonNode input) throws UnavailableInputException {
        if (input == null || input.isNull() || input.isMissingNode()) throw new UnavailableInputException("no input given");
        if (input.isTextual()) return Path.of(input.asText());
        if (!isReference(input)) throw new UnavailableInputException("input must be a path or {\"fromTask\": N}");
        int seq = input.get("fromTask").asInt();
        int index = input.path("output").asInt(0);
        Optional<Task> from = store.tasksOf(task.jobId()).stream().filter(t -> t.seq() == seq).findFirst();
        if (from.isEmpty()) throw new UnavailableInputException("task " + seq + " of this job does not exist");
        Task dep = from.get();
        if (dep.status() != TaskStatus.COMPLETED || dep.result() == null) {
            throw new UnavailableInputException("task " + seq + " (" + dep.kind() + ") has not completed (" + dep.status() + ")");
        }
        JsonNode outputs;
        try {
            outputs = JSON.readTree(dep.result()).path("outputs");
        } catch (IOException e) {
            throw new UnavailableInputException("task " + seq + " recorded an unreadable result: " + e.getMessage());
        }
        if (!outputs.isArray() || index >= outputs.size() || !outputs.get(index).hasNonNull("path")) {
            throw new UnavailableInputException("task " + seq + " (" + dep.kind() + ") has no output " + index
                    + " (it recorded " + (outputs.isArray() ? outputs.size() : 0) + ")");
        }
        return Path.of(outputs.get(index).get("path").asText());
    }

    /** The source path a task works on: its own, or the one its spec's {@code input} names. */
    public static Path source(JobStore store, Task task, JsonNode spec) throws UnavailableInputException {
        if (task.source() != null && !isReference(spec.get("input"))) return Path.of(task.source());
        return resolve(store, task, spec.get("input"));
    }
}

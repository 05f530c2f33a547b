package dev.spool.domain;

import java.util.List;

/**
 * One task of a {@link NewJob}.
 *
 * @param dependsOn indexes of earlier tasks in the same job that must complete before this one runs
 */
public record NewTask(String kind, String source, String spec, List<Integer> dependsOn) {
    public NewTask {
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        if (kind == null || kind.isBlank()) throw new IllegalArgumentException("task kind is required");
        if (spec == null) spec = "{}";
    }

    public static NewTask of(String kind, String source) {
        return new NewTask(kind, source, "{}", List.of());
    }
}

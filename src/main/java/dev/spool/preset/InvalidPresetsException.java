package dev.spool.preset;

import dev.spool.domain.SpoolException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Loading found one or more problems. Carries every problem (not just the first) so a user fixes a
 * file in one pass; the message lists them one per line.
 */
public final class InvalidPresetsException extends SpoolException {
    private final List<PresetValidationException> problems;

    public InvalidPresetsException(List<PresetValidationException> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in file order. */
    public List<PresetValidationException> problems() {
        return problems;
    }

    private static String describe(List<PresetValidationException> problems) {
        return problems.size() + (problems.size() == 1 ? " preset problem:" : " preset problems:") + "\n"
                + problems.stream().map(p -> "  " + p.getMessage()).collect(Collectors.joining("\n"));
    }
}

package dev.spool.preset;

/** A naming pattern uses a {@code {variable}} that Spool does not provide. */
public final class UnknownNamingVariableException extends PresetValidationException {
    private final String variable;

    public UnknownNamingVariableException(PresetLocation location, String variable) {
        super(location, "unknown naming variable {" + variable + "}; known variables: " + NamingVariable.tokens());
        this.variable = variable;
    }

    /** The variable name as written, without braces. */
    public String variable() {
        return variable;
    }
}

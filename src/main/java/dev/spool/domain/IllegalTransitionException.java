package dev.spool.domain;

/** Thrown when a job or task is asked to move between two states the state machine does not connect. */
public final class IllegalTransitionException extends SpoolException {
    private final String entity;
    private final String id;
    private final Enum<?> from;
    private final Enum<?> to;

    public IllegalTransitionException(String entity, String id, Enum<?> from, Enum<?> to) {
        super(entity + (id == null ? "" : " " + id) + " cannot go from " + from + " to " + to);
        this.entity = entity;
        this.id = id;
        this.from = from;
        this.to = to;
    }

    public String entity() { return entity; }
    public String id() { return id; }
    public Enum<?> from() { return from; }
    public Enum<?> to() { return to; }
}

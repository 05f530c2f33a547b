package dev.spool.domain;

/** A job, task or other named thing does not exist. */
public final class NotFoundException extends SpoolException {
    public NotFoundException(String what, String id) {
        super(what + " " + id + " not found");
    }
}

package dev.spool.operations;

import dev.spool.engine.InvalidJobRequestException;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict reading of one task of a job spec ({@code tasks[i]}): typed getters that fail with the field's
 * full name ({@code tasks[2].transitionSeconds}), and a final check that refuses fields the kind does not
 * know.
 */
final class TaskFields {
    private final Map<String, Object> raw;
    private final int index;
    private final String kind;
    private final Set<String> read = new HashSet<>();

    TaskFields(Map<String, Object> raw, int index, String kind) {
        this.raw = raw;
        this.index = index;
        this.kind = kind;
        read.add("kind");
    }

    int index() {
        return index;
    }

    String kind() {
        return kind;
    }

    String field(String name) {
        return "tasks[" + index + "]." + name;
    }

    InvalidJobRequestException invalid(String name, String message) {
        return new InvalidJobRequestException(field(name), message);
    }

    boolean has(String name) {
        read.add(name);
        return raw.get(name) != null;
    }

    Object raw(String name) {
        read.add(name);
        return raw.get(name);
    }

    String string(String name, boolean required) {
        Object v = raw(name);
        if (v == null) {
            if (required) throw invalid(name, name + " is required for a " + kind + " task");
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) throw invalid(name, name + " must be a non-empty string");
        return s;
    }

    Integer integer(String name, int min, int max) {
        Object v = raw(name);
        if (v == null) return null;
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < min || ((Number) v).longValue() > max) {
            throw invalid(name, name + " must be a whole number from " + min + " to " + max + ", got " + v);
        }
        return ((Number) v).intValue();
    }

    Long longValue(String name, long min) {
        Object v = raw(name);
        if (v == null) return null;
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < min) {
            throw invalid(name, name + " must be a whole number of at least " + min + ", got " + v);
        }
        return ((Number) v).longValue();
    }

    Double number(String name, double minExclusive, double max) {
        Object v = raw(name);
        if (v == null) return null;
        if (!(v instanceof Number n) || !(n.doubleValue() > minExclusive) || n.doubleValue() > max) {
            throw invalid(name, name + " must be a number above " + minExclusive + " and at most " + max + ", got " + v);
        }
        return n.doubleValue();
    }

    boolean bool(String name) {
        Object v = raw(name);
        if (v == null) return false;
        if (!(v instanceof Boolean b)) throw invalid(name, name + " must be true or false, got " + v);
        return b;
    }

    String oneOf(String name, List<String> allowed, String dflt) {
        String v = string(name, false);
        if (v == null) return dflt;
        if (!allowed.contains(v)) throw invalid(name, name + " must be one of " + allowed + ", got '" + v + "'");
        return v;
    }

    /** Refuses fields this kind does not read. */
    void refuseUnknown() {
        for (String key : raw.keySet()) {
            if (!read.contains(key)) {
                throw invalid(key, "unknown field '" + key + "' for a " + kind + " task (known: " + new TreeSet<>(read) + ")");
            }
        }
    }
}

package dev.spool.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One SQL statement with {@code :name} parameters, parsed once. Binding turns it into JDBC's positional
 * form; a {@link Collection} value expands to {@code ?, ?, ...} (an empty one to {@code NULL}, which
 * matches nothing in an {@code IN} list). {@code ::} casts and quoted text are left alone.
 */
final class NamedSql {
    private final String name;
    private final List<String> literals = new ArrayList<>();
    private final List<String> params = new ArrayList<>();
    private final String positional;

    NamedSql(String name, String sql) {
        this.name = name;
        StringBuilder lit = new StringBuilder();
        int i = 0;
        int n = sql.length();
        boolean quoted = false;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                lit.append(c);
                i++;
            } else if (!quoted && c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                lit.append("::");
                i += 2;
            } else if (!quoted && c == ':' && i + 1 < n && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(sql.charAt(j))) j++;
                literals.add(lit.toString());
                lit.setLength(0);
                params.add(sql.substring(i + 1, j));
                i = j;
            } else {
                lit.append(c);
                i++;
            }
        }
        literals.add(lit.toString());
        this.positional = String.join("?", literals);
    }

    String name() {
        return name;
    }

    boolean isEmpty() {
        return positional.isBlank();
    }

    /** The positional SQL when no collection parameter is bound. */
    String positionalSql() {
        return positional;
    }

    List<String> parameterNames() {
        return params;
    }

    /** Binds values by name; every parameter must be present in {@code values} (null allowed). */
    Bound bind(Map<String, ?> values) {
        boolean expands = false;
        List<Object> args = new ArrayList<>(params.size());
        StringBuilder sql = null;
        for (int k = 0; k < params.size(); k++) {
            String p = params.get(k);
            if (!values.containsKey(p)) {
                throw new IllegalArgumentException("query " + name + " needs parameter :" + p);
            }
            Object v = values.get(p);
            if (v instanceof Collection<?> c) {
                if (!expands) {
                    expands = true;
                    sql = new StringBuilder();
                    for (int m = 0; m < k; m++) sql.append(literals.get(m)).append('?');
                }
                sql.append(literals.get(k));
                if (c.isEmpty()) {
                    sql.append("NULL");
                } else {
                    sql.append("?,".repeat(c.size() - 1)).append('?');
                    args.addAll(c);
                }
            } else {
                if (expands) sql.append(literals.get(k)).append('?');
                args.add(v);
            }
        }
        if (expands) {
            sql.append(literals.get(params.size()));
            return new Bound(sql.toString(), args);
        }
        return new Bound(positional, args);
    }

    record Bound(String sql, List<Object> args) {
    }
}

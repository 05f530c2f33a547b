package dev.spool.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One open transaction: runs named queries and collects the events that describe its changes, which are
 * written just before commit (outbox) so they share the transaction's fate. {@link #now()} is the time the
 * transaction started, taken from the injected clock.
 */
public final class Tx {
    private final Connection connection;
    private final NamedQueries queries;
    private final Instant now;
    private final List<Map<String, Object>> events = new ArrayList<>();

    Tx(Connection connection, NamedQueries queries, Instant now) {
        this.connection = connection;
        this.queries = queries;
        this.now = now;
    }

    public Instant now() {
        return now;
    }

    long nowMillis() {
        return now.toEpochMilli();
    }

    int update(String query, Map<String, ?> params) throws SQLException {
        if (queries.get(query).isEmpty()) return 0;
        NamedSql.Bound b = queries.get(query).bind(withNow(params));
        try (PreparedStatement ps = prepare(b)) {
            return ps.executeUpdate();
        }
    }

    <T> List<T> query(String query, Map<String, ?> params, RowMapper<T> mapper) throws SQLException {
        NamedSql.Bound b = queries.get(query).bind(withNow(params));
        try (PreparedStatement ps = prepare(b); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) out.add(mapper.map(rs));
            return out;
        }
    }

    <T> Optional<T> one(String query, Map<String, ?> params, RowMapper<T> mapper) throws SQLException {
        List<T> rows = query(query, params, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Runs the same statement for each parameter set as one JDBC batch; returns each set's update count. */
    int[] batch(String query, List<? extends Map<String, ?>> paramSets) throws SQLException {
        if (paramSets.isEmpty()) return new int[0];
        NamedSql sql = queries.get(query);
        try (PreparedStatement ps = connection.prepareStatement(sql.positionalSql())) {
            for (Map<String, ?> p : paramSets) {
                NamedSql.Bound b = sql.bind(withNow(p));
                setArgs(ps, b.args());
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    /** Queues an event to be written with this transaction. */
    void event(String jobId, String taskId, String type, String payloadJson) {
        Map<String, Object> e = new HashMap<>();
        e.put("job_id", jobId);
        e.put("task_id", taskId);
        e.put("type", type);
        e.put("payload", payloadJson);
        events.add(e);
    }

    void flushEvents() throws SQLException {
        if (events.isEmpty()) return;
        NamedSql lock = queries.get("event.order_lock");
        if (!lock.isEmpty()) {
            try (PreparedStatement ps = connection.prepareStatement(lock.positionalSql())) {
                ps.execute();
            }
        }
        batch("event.insert", events);
        events.clear();
    }

    private Map<String, ?> withNow(Map<String, ?> params) {
        if (params.containsKey("now")) return params;
        Map<String, Object> m = new HashMap<>(params);
        m.put("now", nowMillis());
        return m;
    }

    private PreparedStatement prepare(NamedSql.Bound b) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(b.sql());
        setArgs(ps, b.args());
        return ps;
    }

    private static void setArgs(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object v = args.get(i);
            if (v == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (v instanceof Instant t) {
                ps.setLong(i + 1, t.toEpochMilli());
            } else if (v instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else if (v instanceof Boolean bo) {
                ps.setInt(i + 1, bo ? 1 : 0);
            } else {
                ps.setObject(i + 1, v);
            }
        }
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }
}

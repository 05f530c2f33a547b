package dev.spool.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Which worker processes exist, how many slots they have, what they run now and when they last said so.
 * Workers register when they start, heartbeat while they run and deregister when they stop; a worker whose
 * heartbeat is old has died (its leases are rescued by the store, not here). Informational only: leases,
 * not this table, decide who runs what.
 */
public final class WorkerRegistry {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Database db;

    public WorkerRegistry(Database db) {
        this.db = db;
    }

    /** One registered worker. */
    public record WorkerInfo(String id, String host, int slots, List<String> currentTasks, Instant startedAt,
                             Instant lastHeartbeat) {
        public WorkerInfo {
            currentTasks = List.copyOf(currentTasks);
        }
    }

    /** Registers (or re-registers after a restart) a worker with no tasks. */
    public void register(String workerId, String host, int slots) {
        db.write(tx -> tx.update("worker.register", Map.of("id", workerId, "host", host, "slots", slots)));
    }

    /** Records the tasks a worker runs now; false when the worker is not registered. */
    public boolean heartbeat(String workerId, Collection<String> runningTaskIds) {
        String tasks = json(runningTaskIds.stream().sorted().toList());
        return db.write(tx -> tx.update("worker.heartbeat", Map.of("id", workerId, "current_tasks", tasks)) > 0);
    }

    public void deregister(String workerId) {
        db.write(tx -> tx.update("worker.remove", Map.of("id", workerId)));
    }

    public List<WorkerInfo> list() {
        return db.query(tx -> tx.query("worker.list", Map.of(), WorkerRegistry::row));
    }

    private static WorkerInfo row(ResultSet rs) throws SQLException {
        List<String> tasks;
        try {
            tasks = JSON.readValue(rs.getString("current_tasks"), STRINGS);
        } catch (JsonProcessingException e) {
            tasks = List.of();
        }
        return new WorkerInfo(rs.getString("id"), rs.getString("host"), rs.getInt("slots"), tasks,
                Instant.ofEpochMilli(rs.getLong("started_at")), Instant.ofEpochMilli(rs.getLong("last_heartbeat")));
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

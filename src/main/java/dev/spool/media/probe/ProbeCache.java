package dev.spool.media.probe;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Metadata of files already probed, keyed by (absolute path, size, modification time): a file that
 * changes gets a new key, so a stale entry is never returned. Least recently used entries are
 * evicted beyond {@code capacity}. Thread-safe.
 */
public final class ProbeCache {
    /** Default number of entries: a few camera cards' worth. */
    public static final int DEFAULT_CAPACITY = 10_000;

    /** The identity of one version of one file. */
    public record Key(Path absolutePath, long size, Instant modified) {
    }

    private final Map<Key, MediaMetadata> entries;

    public ProbeCache() {
        this(DEFAULT_CAPACITY);
    }

    public ProbeCache(int capacity) {
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, MediaMetadata> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized Optional<MediaMetadata> get(Key key) {
        return Optional.ofNullable(entries.get(key));
    }

    public synchronized void put(Key key, MediaMetadata metadata) {
        entries.put(key, metadata);
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized void clear() {
        entries.clear();
    }
}

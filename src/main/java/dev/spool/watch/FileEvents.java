package dev.spool.watch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * File-system events (java.nio's {@link java.nio.file.WatchService}) used only to wake the scanner early:
 * polling stays the source of truth, because network mounts often deliver no events and events say nothing
 * about whether a file is complete. At most {@link #MAX_DIRECTORIES} folders are registered (inotify watches
 * are a per-user budget); beyond that, polling alone finds changes.
 */
final class FileEvents implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileEvents.class);
    static final int MAX_DIRECTORIES = 4096;

    private final java.nio.file.WatchService service;
    private final Map<Path, WatchKey> keys = new ConcurrentHashMap<>();
    private final Thread thread;

    FileEvents(Runnable onEvent) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.thread = new Thread(() -> {
            try {
                while (true) {
                    WatchKey key = service.take();
                    key.pollEvents();
                    if (!key.reset()) keys.values().remove(key);
                    onEvent.run();
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                // closed: done
            }
        }, "spool-watch-events");
        thread.setDaemon(true);
        thread.start();
    }

    /** Registers a folder once; failures (or the budget spent) leave it to polling. */
    void register(Path dir) {
        if (keys.containsKey(dir) || keys.size() >= MAX_DIRECTORIES) return;
        try {
            keys.put(dir, dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
        } catch (IOException | RuntimeException e) {
            log.debug("no file events for {} ({}); polling covers it", dir, e.getMessage());
        }
    }

    /** Cancels the registrations of {@code root} and everything under it (the folder went away). */
    void unregisterUnder(Path root) {
        keys.entrySet().removeIf(e -> {
            if (!e.getKey().startsWith(root)) return false;
            e.getValue().cancel();
            return true;
        });
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            log.debug("closing the file event service: {}", e.getMessage());
        }
        thread.interrupt();
    }
}

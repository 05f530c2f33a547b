package dev.spool.api;

import dev.spool.domain.Event;
import dev.spool.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Live events for every SSE and WebSocket client from one shared poller: it reads new stored events every
 * {@code poll} and fans them out to subscriptions. A subscription that resumes from an id first replays the
 * stored events after it, then continues with live ones; a per-subscription cursor drops anything already
 * sent, so a client sees every matching event exactly once and in id order, whatever the interleaving of
 * replay and live delivery.
 *
 * <p>Each subscription is delivered to by at most one thread at a time (a small shared pool), so one slow
 * client delays only itself; a client that falls more than {@link #MAX_PENDING} events behind is closed and
 * may resume from its last id.
 */
final class EventHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventHub.class);
    static final int BATCH = 500;
    static final int MAX_PENDING = 20_000;

    private final JobStore store;
    private final Duration poll;
    private final Duration ping;
    private final ScheduledExecutorService poller = Executors.newScheduledThreadPool(1, named("spool-events-poll"));
    private final ExecutorService delivery = Executors.newFixedThreadPool(8, named("spool-events-send"));
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final List<Consumer<List<Event>>> listeners = new CopyOnWriteArrayList<>();
    private volatile long lastId;

    EventHub(JobStore store, Duration poll, Duration ping) {
        this.store = store;
        this.poll = poll;
        this.ping = ping;
    }

    /** Where a subscription's events go; called from one thread at a time per subscription. */
    interface Sink {
        void send(Event event) throws Exception;

        /** Keeps idle connections open through proxies; may do nothing. */
        void ping() throws Exception;

        /** The client is gone or too slow; release the connection. */
        void close();
    }

    void start() {
        lastId = store.lastEventId();
        poller.scheduleWithFixedDelay(this::pollOnce, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        poller.scheduleWithFixedDelay(() -> subscriptions.forEach(Subscription::requestPing), ping.toMillis(),
                ping.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The id of the newest event the poller has seen. */
    long lastId() {
        return lastId;
    }

    /** Called on the poller thread with each new batch of events, in order (metrics). */
    void addListener(Consumer<List<Event>> listener) {
        listeners.add(listener);
    }

    int subscriberCount() {
        return subscriptions.size();
    }

    /**
     * Starts delivering events to {@code sink}: those after {@code afterId} (replayed from the store), then
     * live ones. {@code afterId} null means "from now on".
     *
     * @param jobIds only these jobs' events; empty for all
     */
    Subscription subscribe(Long afterId, Set<String> jobIds, Sink sink) {
        long from = afterId != null ? afterId : store.lastEventId();
        Subscription s = new Subscription(Set.copyOf(jobIds), from, sink);
        subscriptions.add(s);
        s.schedule();
        return s;
    }

    private void pollOnce() {
        try {
            while (true) {
                List<Event> batch = store.eventsAfter(lastId, Set.of(), BATCH);
                if (batch.isEmpty()) return;
                lastId = batch.get(batch.size() - 1).id();
                for (Consumer<List<Event>> l : listeners) {
                    try {
                        l.accept(batch);
                    } catch (RuntimeException e) {
                        log.warn("event listener failed: {}", e.toString());
                    }
                }
                for (Subscription s : subscriptions) s.offer(batch);
                if (batch.size() < BATCH) return;
            }
        } catch (RuntimeException e) {
            log.warn("event poll failed (will retry): {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        subscriptions.forEach(Subscription::close);
        delivery.shutdownNow();
    }

    /** One client's stream of events. */
    final class Subscription {
        private final Set<String> jobIds;
        private final Sink sink;
        private final ConcurrentLinkedQueue<Event> pending = new ConcurrentLinkedQueue<>();
        private final AtomicInteger pendingCount = new AtomicInteger();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile boolean replayed;
        private volatile boolean pingDue;
        private volatile long cursor;

        private Subscription(Set<String> jobIds, long cursor, Sink sink) {
            this.jobIds = jobIds;
            this.cursor = cursor;
            this.sink = sink;
        }

        /** The id of the last event sent to this client. */
        long cursor() {
            return cursor;
        }

        /** Stops delivery and closes the client's connection (it went away or fell too far behind). */
        void close() {
            if (!detach()) return;
            try {
                sink.close();
            } catch (RuntimeException ignored) {
                // the connection is already gone
            }
        }

        /** Stops delivery but leaves the connection open (a WebSocket client changing its subscription). */
        boolean detach() {
            if (!closed.compareAndSet(false, true)) return false;
            subscriptions.remove(this);
            pending.clear();
            return true;
        }

        private void offer(List<Event> batch) {
            if (closed.get()) return;
            int added = 0;
            for (Event e : batch) {
                if (jobIds.isEmpty() || jobIds.contains(e.jobId())) {
                    pending.add(e);
                    added++;
                }
            }
            if (added == 0) return;
            if (pendingCount.addAndGet(added) > MAX_PENDING) {
                log.info("closing an event stream that fell {} events behind; it may resume from id {}", MAX_PENDING, cursor);
                close();
                return;
            }
            schedule();
        }

        private void requestPing() {
            pingDue = true;
            schedule();
        }

        private void schedule() {
            if (closed.get() || !scheduled.compareAndSet(false, true)) return;
            try {
                delivery.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                scheduled.set(false);
            }
        }

        private void drain() {
            try {
                if (!replayed) {
                    replay();
                    replayed = true;
                }
                Event e;
                while (!closed.get() && (e = pending.poll()) != null) {
                    pendingCount.decrementAndGet();
                    if (e.id() <= cursor) continue;
                    sink.send(e);
                    cursor = e.id();
                }
                if (pingDue) {
                    pingDue = false;
                    sink.ping();
                }
            } catch (Exception e) {
                log.debug("event stream closed: {}", e.toString());
                close();
            } finally {
                scheduled.set(false);
            }
            if (!closed.get() && (!pending.isEmpty() || pingDue)) schedule();
        }

        private void replay() throws Exception {
            while (!closed.get()) {
                List<Event> page = store.eventsAfter(cursor, jobIds, BATCH);
                for (Event e : page) {
                    sink.send(e);
                    cursor = e.id();
                }
                if (page.size() < BATCH) return;
            }
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

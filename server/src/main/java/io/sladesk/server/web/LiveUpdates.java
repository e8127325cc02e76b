package io.sladesk.server.web;

import io.sladesk.server.account.User;
import io.sladesk.server.sla.ClockEvents;
import io.sladesk.server.ticket.Ticket;
import io.sladesk.server.ticket.TicketEvents;
import io.sladesk.server.ticket.TicketSummary;
import io.sladesk.server.ticket.Visibility;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.HtmlUtils;

/**
 * Live page updates across a cluster. A ticket change, a clock's warning or breach, and
 * "someone is replying" are each a PostgreSQL NOTIFY on {@code sladesk_pages}, sent in the
 * transaction that changed the ticket (so delivered only if it commits, like the outbox).
 * Every server holds one connection LISTENing and fans each notice out to the server-sent
 * event streams of the pages open on it that may see that ticket. A notice carries ids only:
 * a page that hears of a change fetches the changed part itself, with its own rights and
 * language. A lost notice costs nothing but freshness: the next page load is right.
 */
@Component
class LiveUpdates implements SmartLifecycle {
    static final String CHANNEL = "sladesk_pages";
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

    private final JdbcClient db;
    private final DataSource dataSource;
    private final MessageSource messages;
    private final boolean enabled;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    /** Made at each start: a context may be stopped and started again (a paused test context is). */
    private volatile ScheduledExecutorService heartbeat;
    /** The current listener's "keep going" (a new one at each start, so an old thread never lingers on). */
    private volatile java.util.concurrent.atomic.AtomicBoolean running =
            new java.util.concurrent.atomic.AtomicBoolean();

    private volatile Thread listener;

    LiveUpdates(
            JdbcClient db,
            DataSource dataSource,
            MessageSource messages,
            @Value("${sladesk.pages.live.enabled:true}") boolean enabled) {
        this.db = db;
        this.dataSource = dataSource;
        this.messages = messages;
        this.enabled = enabled;
    }

    /** One open page: a ticket's (ticketId set) or a queue's (ticketId null). */
    record Stream(SseEmitter emitter, UUID userId, boolean staff, UUID organizationId, UUID ticketId, Locale locale) {}

    SseEmitter open(Viewer viewer, UUID ticketId) {
        SseEmitter emitter = new SseEmitter(30L * 60 * 1000);
        Stream s = new Stream(
                emitter, viewer.user().id(), viewer.staff(), viewer.user().organizationId(), ticketId, viewer.locale());
        streams.add(s);
        emitter.onCompletion(() -> streams.remove(s));
        emitter.onTimeout(() -> streams.remove(s));
        emitter.onError(e -> streams.remove(s));
        try {
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException e) {
            streams.remove(s);
        }
        return emitter;
    }

    int streams() {
        return streams.size();
    }

    // ---- notices, sent in the changing transaction

    @EventListener
    void on(TicketEvents.TicketCreated e) {
        notice("changed", e.ticket(), null, true);
    }

    @EventListener
    void on(TicketEvents.MessagePosted e) {
        notice("changed", e.ticket(), e.authorId(), e.visibility() == Visibility.PUBLIC);
    }

    @EventListener
    void on(TicketEvents.StatusChanged e) {
        notice("changed", e.ticket(), e.actorId(), true);
    }

    @EventListener
    void on(TicketEvents.SeverityChanged e) {
        notice("changed", e.ticket(), e.actorId(), true);
    }

    @EventListener
    void on(TicketEvents.TicketAssigned e) {
        notice("changed", e.ticket(), e.actorId(), false);
    }

    @EventListener
    void on(TicketEvents.ReevaluationRequested e) {
        notice("changed", e.ticket(), null, true);
    }

    @EventListener
    void on(TicketEvents.ReevaluationClosed e) {
        notice("changed", e.ticket(), null, true);
    }

    @EventListener
    void on(ClockEvents.ClockWarned e) {
        notice("clock", e.ticket(), null, true);
    }

    @EventListener
    void on(ClockEvents.ClockBreached e) {
        notice("clock", e.ticket(), null, true);
    }

    /** Someone is writing a reply on this ticket (agents only hear of it). */
    void typing(Ticket t, User who) {
        send("typing|" + t.id() + "|" + t.organizationId() + "|" + who.id() + "|0|" + who.name());
    }

    private void notice(String kind, TicketSummary t, UUID actor, boolean customersMay) {
        send(kind + "|" + t.id() + "|" + t.organizationId() + "|" + (actor == null ? "" : actor) + "|"
                + (customersMay ? "1" : "0") + "|");
    }

    private void send(String payload) {
        if (!enabled) return;
        // NOTIFY payloads are limited to 8000 bytes; a name is at most 200 characters
        db.sql("select pg_notify(?, ?)").params(CHANNEL, payload).query().listOfRows();
    }

    // ---- fan-out, on every server

    void deliver(String payload) {
        String[] p = payload.split("\\|", 6);
        if (p.length < 6) return;
        String kind = p[0];
        UUID ticket = UUID.fromString(p[1]);
        UUID org = UUID.fromString(p[2]);
        UUID actor = p[3].isEmpty() ? null : UUID.fromString(p[3]);
        boolean customersMay = p[4].equals("1");
        for (Stream s : streams) {
            if (!s.staff() && (!customersMay || !org.equals(s.organizationId()))) continue;
            if (s.ticketId() != null && !s.ticketId().equals(ticket)) continue;
            try {
                if (kind.equals("typing")) {
                    if (s.ticketId() == null || !s.staff() || s.userId().equals(actor)) continue;
                    String text =
                            messages.getMessage("live.typing", new Object[] {HtmlUtils.htmlEscape(p[5])}, s.locale());
                    s.emitter().send(SseEmitter.event().name("typing").data("<span>" + text + "</span>"));
                } else {
                    s.emitter()
                            .send(SseEmitter.event()
                                    .name(s.ticketId() == null ? "queue" : "ticket")
                                    .data(kind));
                }
            } catch (IOException | IllegalStateException e) {
                streams.remove(s);
            }
        }
    }

    // ---- the listening connection

    @Override
    public void start() {
        if (!enabled) return;
        java.util.concurrent.atomic.AtomicBoolean alive = new java.util.concurrent.atomic.AtomicBoolean(true);
        running = alive;
        listener = new Thread(() -> listen(alive), "sladesk-pages-listener");
        listener.setDaemon(true);
        listener.start();
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sladesk-pages-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::beat, 20, 20, TimeUnit.SECONDS);
    }

    private void beat() {
        for (Stream s : streams) {
            try {
                s.emitter().send(SseEmitter.event().comment("beat"));
            } catch (IOException | IllegalStateException e) {
                streams.remove(s);
            }
        }
    }

    private void listen(java.util.concurrent.atomic.AtomicBoolean running) {
        while (running.get()) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("listen " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running.get()) {
                    PGNotification[] notes = pg.getNotifications(1_000);
                    if (notes == null) continue;
                    for (PGNotification n : notes) {
                        try {
                            deliver(n.getParameter());
                        } catch (RuntimeException e) {
                            log.warn("Could not deliver a live page update: {}", e.toString());
                        }
                    }
                }
            } catch (Exception e) {
                if (!running.get()) return;
                log.warn("The live page updates' listener lost its connection; retrying: {}", e.toString());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        running.set(false);
        ScheduledExecutorService h = heartbeat;
        if (h != null) h.shutdownNow();
        Thread t = listener;
        if (t != null) t.interrupt();
        for (Stream s : streams) s.emitter().complete();
        streams.clear();
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }
}

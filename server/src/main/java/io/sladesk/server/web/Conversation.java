package io.sladesk.server.web;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.User;
import io.sladesk.server.ticket.Message;
import io.sladesk.server.ticket.Ticket;
import io.sladesk.server.ticket.Tickets;
import io.sladesk.server.ticket.Visibility;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A ticket's conversation as a page shows it: the description first, then each message
 * with its author's name and whether it is a public reply or an internal note (customers
 * get public messages only, as the ticket facade decides).
 */
record Conversation(List<Entry> entries) {

    record Entry(String author, boolean byStaff, boolean internal, String body, Instant at) {}

    static Conversation of(Ticket t, Viewer viewer, Tickets tickets, Accounts accounts) {
        List<Message> messages = Portal.all(tickets, viewer, t);
        Set<UUID> authors = new HashSet<>();
        authors.add(t.requesterId());
        messages.forEach(m -> authors.add(m.authorId()));
        Map<UUID, User> users = accounts.users(authors);
        java.util.ArrayList<Entry> entries = new java.util.ArrayList<>(messages.size() + 1);
        User requester = users.get(t.requesterId());
        entries.add(new Entry(
                requester == null ? "" : requester.name(),
                requester != null && requester.role().isStaff(),
                false,
                t.description(),
                t.createdAt()));
        for (Message m : messages) {
            User a = users.get(m.authorId());
            entries.add(new Entry(
                    a == null ? "" : a.name(),
                    a != null && a.role().isStaff(),
                    m.visibility() == Visibility.INTERNAL,
                    m.body(),
                    m.createdAt()));
        }
        return new Conversation(entries);
    }
}

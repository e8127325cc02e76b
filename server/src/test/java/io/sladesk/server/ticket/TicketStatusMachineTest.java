package io.sladesk.server.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sladesk.server.account.Actor;
import io.sladesk.server.account.Role;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.platform.Problems.Conflict;
import io.sladesk.server.platform.Problems.Forbidden;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The status machine of the API contract, exhaustively, without Spring or a database. */
class TicketStatusMachineTest {
    private static final UUID ORG = UUID.randomUUID();
    private static final Actor AGENT = new Actor(UUID.randomUUID(), Role.AGENT, null);
    private static final Actor CUSTOMER = new Actor(UUID.randomUUID(), Role.CUSTOMER, ORG);
    private static final Instant T0 = Instant.parse("2026-03-06T15:00:00Z");

    private static final Set<TicketStatus> WORKING =
            EnumSet.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD);

    static Ticket in(TicketStatus status) {
        Ticket t = Ticket.open(
                1, ORG, "s", "d", Severity.P3, Channel.API, CUSTOMER.userId(), CUSTOMER.userId(), T0, false);
        // drive it there through allowed moves only
        switch (status) {
            case NEW -> {}
            case OPEN, PENDING, ON_HOLD, SOLVED -> t.changeStatus(AGENT, status, T0);
            case CLOSED -> {
                t.changeStatus(AGENT, TicketStatus.SOLVED, T0);
                t.changeStatus(AGENT, TicketStatus.CLOSED, T0);
            }
        }
        t.drainEntries();
        t.drainEvents();
        return t;
    }

    @ParameterizedTest
    @EnumSource(TicketStatus.class)
    void agentsMoveExactlyAlongTheContract(TicketStatus from) {
        for (TicketStatus to : TicketStatus.values()) {
            boolean allowed = WORKING.contains(from)
                    ? to != from && to != TicketStatus.NEW && to != TicketStatus.CLOSED
                    : from == TicketStatus.SOLVED && to == TicketStatus.CLOSED;
            Ticket t = in(from);
            if (allowed) {
                t.changeStatus(AGENT, to, T0.plusSeconds(1));
                assertThat(t.status()).as(from + " -> " + to).isEqualTo(to);
                assertThat(t.drainEntries()).extracting(TimelineEntry::type).containsExactly("status.changed");
            } else {
                assertThatThrownBy(() -> t.changeStatus(AGENT, to, T0.plusSeconds(1)))
                        .as(from + " -> " + to)
                        .isInstanceOf(Conflict.class);
                assertThat(t.status()).isEqualTo(from);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TicketStatus.class)
    void customersMaySolveOrReopenOnly(TicketStatus from) {
        for (TicketStatus to : TicketStatus.values()) {
            Ticket t = in(from);
            boolean roleAllows = to == TicketStatus.SOLVED || to == TicketStatus.OPEN;
            boolean stateAllows = from != TicketStatus.CLOSED
                    && (to == TicketStatus.SOLVED ? WORKING.contains(from) : from == TicketStatus.SOLVED);
            if (from == TicketStatus.CLOSED) {
                assertThatThrownBy(() -> t.changeStatus(CUSTOMER, to, T0)).isInstanceOf(Conflict.class);
            } else if (!roleAllows) {
                assertThatThrownBy(() -> t.changeStatus(CUSTOMER, to, T0)).isInstanceOf(Conflict.class);
            } else if (!stateAllows) {
                assertThatThrownBy(() -> t.changeStatus(CUSTOMER, to, T0)).isInstanceOf(Conflict.class);
            } else {
                t.changeStatus(CUSTOMER, to, T0);
                assertThat(t.status()).isEqualTo(to);
            }
        }
    }

    @Test
    void anAgentsFirstPublicReplyOpensANewTicketButAnInternalNoteDoesNot() {
        Ticket t = in(TicketStatus.NEW);
        t.post(AGENT, "looking", Visibility.INTERNAL, T0);
        assertThat(t.status()).isEqualTo(TicketStatus.NEW);
        t.post(AGENT, "hello", Visibility.PUBLIC, T0);
        assertThat(t.status()).isEqualTo(TicketStatus.OPEN);
    }

    @ParameterizedTest
    @EnumSource(
            value = TicketStatus.class,
            names = {"PENDING", "SOLVED"})
    void aCustomerMessageReopensAPendingOrSolvedTicket(TicketStatus from) {
        Ticket t = in(from);
        t.post(CUSTOMER, "still broken", Visibility.PUBLIC, T0);
        assertThat(t.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(t.solvedAt()).isNull();
    }

    @Test
    void aCustomerMessageLeavesOnHoldAsItIs() {
        Ticket t = in(TicketStatus.ON_HOLD);
        t.post(CUSTOMER, "any news?", Visibility.PUBLIC, T0);
        assertThat(t.status()).isEqualTo(TicketStatus.ON_HOLD);
    }

    @Test
    void closedIsFinalAndReadOnly() {
        Ticket t = in(TicketStatus.CLOSED);
        assertThatThrownBy(() -> t.post(CUSTOMER, "hi", Visibility.PUBLIC, T0)).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> t.post(AGENT, "hi", Visibility.INTERNAL, T0)).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> t.changeSeverity(AGENT, Severity.P1, "why", T0))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> t.assign(AGENT, AGENT.userId(), null, T0)).isInstanceOf(Conflict.class);
    }

    @Test
    void customersCannotWriteInternalNotesNorChangeSeverity() {
        Ticket t = in(TicketStatus.OPEN);
        assertThatThrownBy(() -> t.post(CUSTOMER, "x", Visibility.INTERNAL, T0)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> t.changeSeverity(CUSTOMER, Severity.P1, "x", T0))
                .isInstanceOf(Forbidden.class);
    }

    @Test
    void solvedTicketsCloseAutomatically() {
        Ticket t = in(TicketStatus.SOLVED);
        t.closeAutomatically(T0.plusSeconds(7 * 86400));
        assertThat(t.status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(t.closedAt()).isEqualTo(T0.plusSeconds(7 * 86400));
    }
}

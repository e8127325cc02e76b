package io.sladesk.server.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sladesk.server.account.Actor;
import io.sladesk.server.account.Role;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.platform.Problems.Conflict;
import io.sladesk.server.platform.Problems.Forbidden;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The status machine of the API contract, exhaustively, without Spring or a database. */
class TicketStatusMachineTest {
    private static final UUID ORG = UUID.randomUUID();
    private static final Actor AGENT = new Actor(UUID.randomUUID(), Role.AGENT, null);
    private static final Actor CUSTOMER = new Actor(UUID.randomUUID(), Role.CUSTOMER, ORG);
    private static final Instant T0 = Instant.parse("2026-03-06T15:00:00Z");

    static Ticket in(TicketStatus status) {
        Ticket t = Ticket.open(
                1,
                ORG,
                "s",
                "d",
                Severity.P3,
                SeveritySource.CUSTOMER,
                null,
                Channel.API,
                CUSTOMER.userId(),
                null,
                CUSTOMER.userId(),
                T0,
                false);
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

    /**
     * The contract's status changes, written out whole rather than derived: for each role,
     * a row per current status and a column per requested one. "Y" is allowed, "-" is a 409.
     */
    private static final String AGENT_MOVES = """
            from/to   new  open  pending  on_hold  solved  closed
            new       -    Y     Y        Y        Y       -
            open      -    -     Y        Y        Y       -
            pending   -    Y     -        Y        Y       -
            on_hold   -    Y     Y        -        Y       -
            solved    -    -     -        -        -       Y
            closed    -    -     -        -        -       -
            """;

    private static final String CUSTOMER_MOVES = """
            from/to   new  open  pending  on_hold  solved  closed
            new       -    -     -        -        Y       -
            open      -    -     -        -        Y       -
            pending   -    -     -        -        Y       -
            on_hold   -    -     -        -        Y       -
            solved    -    Y     -        -        -       -
            closed    -    -     -        -        -       -
            """;

    static Stream<Arguments> contract() {
        List<Arguments> rows = new ArrayList<>();
        for (var table : List.of(Map.entry(AGENT, AGENT_MOVES), Map.entry(CUSTOMER, CUSTOMER_MOVES))) {
            List<String> lines = table.getValue().lines().toList();
            List<String> columns = List.of(lines.get(0).trim().split("\\s+")).subList(1, 7);
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.trim().split("\\s+");
                for (int i = 0; i < columns.size(); i++) {
                    rows.add(Arguments.of(
                            table.getKey().role(),
                            TicketStatus.fromWire(cells[0]),
                            TicketStatus.fromWire(columns.get(i)),
                            cells[i + 1].equals("Y")));
                }
            }
        }
        assertThat(rows).as("two roles, six statuses from, six to").hasSize(72);
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}: {1} -> {2} allowed: {3}")
    @MethodSource("contract")
    void statusChangesFollowTheContractTable(Role role, TicketStatus from, TicketStatus to, boolean allowed) {
        Actor actor = role == Role.AGENT ? AGENT : CUSTOMER;
        Ticket t = in(from);
        if (allowed) {
            t.changeStatus(actor, to, T0.plusSeconds(1));
            assertThat(t.status()).isEqualTo(to);
            assertThat(t.drainEntries()).extracting(TimelineEntry::type).containsExactly("status.changed");
        } else {
            assertThatThrownBy(() -> t.changeStatus(actor, to, T0.plusSeconds(1)))
                    .isInstanceOf(Conflict.class);
            assertThat(t.status()).isEqualTo(from);
            assertThat(t.drainEntries()).isEmpty();
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

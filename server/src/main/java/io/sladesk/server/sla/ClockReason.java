package io.sladesk.server.sla;

import java.util.Locale;

/**
 * Why a clock stopped, resumed or was retargeted: recorded in its history as a code and
 * put into words when read, in the reader's language.
 */
public enum ClockReason {
    FIRST_REPLY,
    SOLVED,
    SOLVED_WITHOUT_REPLY,
    CUSTOMER_ANSWERED,
    NO_LONGER_WAITING,
    REOPENED,
    SEVERITY_CHANGED,
    POLICY_CHANGED,
    CALENDAR_CHANGED,
    /** the organization moved to another plan, time zone or calendar */
    ORGANIZATION_CHANGED,
    REQUEST_ACCEPTED,
    REQUEST_DECLINED,
    REQUEST_WITHDRAWN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}

/** Business-time arithmetic: calendars, holidays, working durations and business days. */
package io.sladesk.calendar;

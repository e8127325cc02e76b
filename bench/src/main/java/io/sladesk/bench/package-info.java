/** JMH benchmarks of the calendar and triage libraries, and the load drivers of the server. */
package io.sladesk.bench;

/** JMH benchmarks of the calendar library. */
package io.sladesk.bench;

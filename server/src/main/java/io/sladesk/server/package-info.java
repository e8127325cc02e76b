/** The Sladesk server: one Spring Boot application of verified modules. */
package io.sladesk.server;

/**
 * Technical ground every module stands on: the clock, the database, error responses and
 * request limits. No business rules live here.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Platform",
        type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.sladesk.server.platform;

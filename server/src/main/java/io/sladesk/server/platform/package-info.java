/**
 * Technical ground every module stands on: the clock, the database, the failures a request
 * can end in, input checks and cursors, the one outbox with its delivery worker, and the
 * registry of references between modules. No business rules and no HTTP live here.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Platform",
        type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.sladesk.server.platform;

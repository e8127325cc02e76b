/**
 * The shared kernel: values every module speaks in (severities), so that a module can use
 * them without depending on the module that happens to own tickets.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Shared kernel",
        type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.sladesk.server.kernel;

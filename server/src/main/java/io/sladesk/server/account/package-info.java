/** Organizations, users and their roles, agent groups and support plans. */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts", allowedDependencies = "platform")
package io.sladesk.server.account;

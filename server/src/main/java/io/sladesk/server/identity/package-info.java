/** Who is calling: API bearer tokens (hashed, expiring, revocable) and the sign-in throttle. */
@org.springframework.modulith.ApplicationModule(
        displayName = "Identity",
        allowedDependencies = {"platform", "account"})
package io.sladesk.server.identity;

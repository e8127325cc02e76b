package io.sladesk.server.platform;

import java.time.ZoneId;

/** The deployment's default time zone ({@code SLADESK_TIME_ZONE}, UTC when unset). */
public record DeploymentZone(ZoneId zone) {}

package io.sladesk.server.platform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background sweeps; tests that drive sweeps by hand switch them off. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "sladesk.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {}

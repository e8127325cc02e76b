package io.sladesk.server.platform;

import java.time.Clock;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The only place that reads the wall clock. Everything else takes this {@link Clock} so
 * tests can move time instead of sleeping.
 */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock(DataSource dataSource) {
        return new DatabaseAlignedClock(dataSource);
    }

    @Bean
    DeploymentZone deploymentZone(@Value("${sladesk.time-zone:UTC}") String zone) {
        return new DeploymentZone(ZoneId.of(zone));
    }
}

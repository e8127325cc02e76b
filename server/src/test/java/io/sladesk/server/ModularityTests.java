package io.sladesk.server;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    @Test
    void modulesRespectTheirDeclaredDependenciesAndHaveNoCycles() {
        ApplicationModules.of(SladeskApplication.class).verify();
    }
}

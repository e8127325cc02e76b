package io.sladesk.server.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class AccountConfiguration {

    /**
     * {@code {sha256-bcrypt}} for new hashes, {@code {bcrypt}} still verified (see
     * {@link PasswordHashing}); the algorithm's id is stored beside each hash so it can change.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordHashing.encoder();
    }
}

package io.sladesk.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication(
        excludeName = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
/** Sladesk: a self-hosted support desk built around the SLA. */
public class SladeskApplication {
    public static void main(String[] args) {
        SpringApplication.run(SladeskApplication.class, args);
    }
}

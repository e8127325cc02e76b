package io.sladesk.server.account;

import java.util.List;

/** A request to create a user, as sent. */
public record NewUser(
        String email,
        String name,
        String role,
        String organizationId,
        String password,
        List<String> duties,
        String language,
        String timeZone) {

    public NewUser(
            String email,
            String name,
            String role,
            String organizationId,
            String password,
            List<String> duties,
            String language) {
        this(email, name, role, organizationId, password, duties, language, null);
    }
}

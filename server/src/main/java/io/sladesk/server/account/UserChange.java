package io.sladesk.server.account;

import java.util.List;

/**
 * A partial change of a user, as sent: each field null when left out. Admins may change
 * all of it; users their own name, language, time zone, away and password (with the old one).
 */
public record UserChange(
        String name,
        String role,
        String language,
        String timeZone,
        List<String> duties,
        Boolean active,
        Boolean away,
        String password,
        String oldPassword) {}

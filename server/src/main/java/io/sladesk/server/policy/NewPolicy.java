package io.sladesk.server.policy;

import java.util.List;
import java.util.Map;

/** A policy as sent by an admin (unvalidated JSON values). */
public record NewPolicy(
        String name,
        Map<String, Map<String, Map<String, Object>>> targets,
        Object warningShare,
        String upgradeGrace,
        List<Map<String, Object>> escalation) {}

package io.sladesk.server.timeline;

import java.time.ZoneId;

/** Who reads a timeline: the language ({@code en} or {@code zh-TW}) and time zone to render it in. */
public record Reader(String language, ZoneId zone) {}

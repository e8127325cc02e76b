package io.sladesk.server.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Instants and durations as a page shows them, in the viewer's zone with the zone named:
 * "15:45 (Asia/Taipei)" today, "Mon 9 Mar 15:00 (Asia/Taipei)" another day, with the year
 * when it is another year; in Chinese 「3月9日（週一）15:00 (Asia/Taipei)」.
 */
final class Moments {
    private final ZoneId zone;
    private final Locale locale;
    private final boolean chinese;
    private final ZonedDateTime now;

    Moments(ZoneId zone, String language, Instant now) {
        this.zone = zone;
        this.chinese = "zh-TW".equals(language);
        this.locale = chinese ? Locale.TRADITIONAL_CHINESE : Locale.ENGLISH;
        this.now = now.atZone(zone);
    }

    public String zone() {
        return zone.getId();
    }

    /** The instant in the viewer's zone, the zone named. */
    public String at(Instant i) {
        if (i == null) return "";
        ZonedDateTime t = i.atZone(zone);
        String seconds = t.getSecond() == 0 ? "" : ":ss";
        String pattern;
        if (t.toLocalDate().equals(now.toLocalDate())) pattern = "HH:mm" + seconds;
        else if (t.getYear() == now.getYear())
            pattern = chinese ? "M月d日（EEE）HH:mm" + seconds : "EEE d MMM HH:mm" + seconds;
        else pattern = chinese ? "yyyy年M月d日（EEE）HH:mm" + seconds : "EEE d MMM yyyy HH:mm" + seconds;
        return DateTimeFormatter.ofPattern(pattern, locale).format(t) + " (" + zone.getId() + ")";
    }

    /** The instant as the machine-readable value of a {@code <time datetime>} and a countdown. */
    public String iso(Instant i) {
        return i == null ? "" : i.toString();
    }

    /** A duration in words: "1 h 20 min", 「1 小時 20 分」. */
    public String duration(Duration d) {
        if (d == null) return "";
        long s = Math.abs(d.getSeconds());
        long days = s / 86_400;
        long hours = (s % 86_400) / 3_600;
        long minutes = (s % 3_600) / 60;
        long secs = s % 60;
        StringBuilder b = new StringBuilder();
        if (days > 0) b.append(days).append(chinese ? " 天 " : " d ");
        if (hours > 0) b.append(hours).append(chinese ? " 小時 " : " h ");
        if (days == 0 && minutes > 0) b.append(minutes).append(chinese ? " 分 " : " min ");
        if (days == 0 && hours == 0 && (secs > 0 || b.isEmpty())) b.append(secs).append(chinese ? " 秒" : " s");
        return b.toString().strip();
    }

    /** Now, as the server sees it: countdowns correct the browser's clock by it. */
    public String now() {
        return now.toInstant().toString();
    }
}

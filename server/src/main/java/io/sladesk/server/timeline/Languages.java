package io.sladesk.server.timeline;

import java.util.Locale;

/** Which of the desk's languages (English, Traditional Chinese) a reader gets. */
public final class Languages {
    private Languages() {}

    /**
     * The first language of {@code Accept-Language} that the desk speaks (any Chinese reads
     * Traditional Chinese, any English English), else the user's own, else English.
     */
    public static String pick(String acceptLanguage, String userLanguage) {
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange r : Locale.LanguageRange.parse(acceptLanguage)) {
                    if (r.getWeight() <= 0) continue;
                    String tag = r.getRange().toLowerCase(Locale.ROOT);
                    if (tag.startsWith("zh")) return "zh-TW";
                    if (tag.startsWith("en")) return "en";
                }
            } catch (IllegalArgumentException e) {
                // a malformed header names no language; fall through to the user's
            }
        }
        return "zh-TW".equals(userLanguage) ? "zh-TW" : "en";
    }
}

package io.sladesk.server.notification;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The words of every email, in English and Traditional Chinese. Placeholders: {0} ticket
 * number, {1} subject, then per kind (times already formatted in the reader's zone).
 */
final class Templates {
    record Text(String subject, String body) {}

    private static final Map<String, Map<String, Text>> TEXTS = Map.of(
            "en",
            Map.of(
                    "received",
                    new Text(
                            "[#{0}] We received your request: {1}",
                            "We received your request #{0} \"{1}\" (severity {2}).\n\n"
                                    + "We will respond by {3} and aim to resolve it by {4}.\n"),
                    "replied",
                    new Text("[#{0}] New reply: {1}", "Support replied to #{0} \"{1}\":\n\n{2}\n"),
                    "severity",
                    new Text(
                            "[#{0}] Severity changed to {3}: {1}",
                            "The severity of #{0} \"{1}\" changed from {2} to {3}.\nWhy: {4}\n"),
                    "solved",
                    new Text("[#{0}] Solved: {1}", "#{0} \"{1}\" is solved. Reply to this email to reopen it.\n"),
                    "assigned",
                    new Text("[#{0}] Assigned to you: {1}", "#{0} \"{1}\" (severity {2}) is assigned to you.\n"),
                    "warned",
                    new Text("[#{0}] At risk: {1}", "The {2} clock of #{0} \"{1}\" is at risk: due {3}.\n"),
                    "breached",
                    new Text("[#{0}] SLA breached: {1}", "The {2} clock of #{0} \"{1}\" breached: it was due {3}.\n"),
                    "escalated",
                    new Text("[#{0}] Escalated to level {2}: {1}", "#{0} \"{1}\" is escalated to level {2}.\n"),
                    "urgent",
                    new Text("[#{0}] New {2} ticket from {3}: {1}", "{3} opened #{0} \"{1}\" with severity {2}.\n"),
                    "reevaluation",
                    new Text(
                            "[#{0}] Re-evaluation requested: {1}",
                            "{4} asks to re-evaluate the severity of #{0} \"{1}\" from {2} to {3}.\nWhy: {5}\n")),
            "zh-TW",
            Map.of(
                    "received",
                    new Text(
                            "[#{0}] 我們已收到您的請求：{1}",
                            "我們已收到您的請求 #{0}「{1}」（嚴重程度 {2}）。\n\n" + "我們將於 {3} 前回覆，並以 {4} 前解決為目標。\n"),
                    "replied",
                    new Text("[#{0}] 新回覆：{1}", "客服已回覆 #{0}「{1}」：\n\n{2}\n"),
                    "severity",
                    new Text("[#{0}] 嚴重程度已變更為 {3}：{1}", "#{0}「{1}」的嚴重程度已由 {2} 變更為 {3}。\n原因：{4}\n"),
                    "solved",
                    new Text("[#{0}] 已解決：{1}", "#{0}「{1}」已解決。回覆此郵件即可重新開啟。\n"),
                    "assigned",
                    new Text("[#{0}] 已指派給您：{1}", "#{0}「{1}」（嚴重程度 {2}）已指派給您。\n"),
                    "warned",
                    new Text("[#{0}] 即將逾期：{1}", "#{0}「{1}」的{2}時限即將到期：{3}。\n"),
                    "breached",
                    new Text("[#{0}] 已違反 SLA：{1}", "#{0}「{1}」的{2}時限已逾期：原訂 {3}。\n"),
                    "escalated",
                    new Text("[#{0}] 已升級至第 {2} 級：{1}", "#{0}「{1}」已升級至第 {2} 級。\n"),
                    "urgent",
                    new Text("[#{0}] {3} 新增 {2} 工單：{1}", "{3} 新增了工單 #{0}「{1}」，嚴重程度 {2}。\n"),
                    "reevaluation",
                    new Text("[#{0}] 請求重新評估：{1}", "{4} 請求將 #{0}「{1}」的嚴重程度由 {2} 重新評估為 {3}。\n原因：{5}\n")));

    private static final Map<String, Map<String, String>> CLOCKS = Map.of(
            "en",
                    Map.of(
                            "first_response",
                            "first-response",
                            "resolution",
                            "resolution",
                            "reevaluation",
                            "re-evaluation"),
            "zh-TW", Map.of("first_response", "首次回覆", "resolution", "解決", "reevaluation", "重新評估回覆"));

    private Templates() {}

    static String language(String requested) {
        return TEXTS.containsKey(requested) ? requested : "en";
    }

    static Text render(String language, String kind, Object... args) {
        Text t = TEXTS.get(language(language)).get(kind);
        // MessageFormat treats ' as quote: escape user text by passing it as arguments only
        Locale locale = Locale.forLanguageTag(language(language));
        return new Text(
                new MessageFormat(t.subject(), locale).format(args), new MessageFormat(t.body(), locale).format(args));
    }

    static String clock(String language, String metric) {
        return CLOCKS.get(language(language)).getOrDefault(metric, metric);
    }
}

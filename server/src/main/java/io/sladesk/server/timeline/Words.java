package io.sladesk.server.timeline;

import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The words of the timeline in one language: patterns by key (MessageFormat, whose
 * arguments are already formatted text, so user text never acts as a pattern), instants in
 * the reader's zone with the zone named, durations and targets. English and Traditional
 * Chinese; any other language reads English.
 */
final class Words {
    private final String language;
    private final Locale locale;
    private final ZoneId zone;
    private final Map<String, String> patterns;

    /** The reader's current year: instants of another year show theirs. */
    private final int thisYear;

    private Words(String language, Locale locale, ZoneId zone, Map<String, String> patterns, int thisYear) {
        this.language = language;
        this.locale = locale;
        this.zone = zone;
        this.patterns = patterns;
        this.thisYear = thisYear;
    }

    static Words of(Reader reader, Instant now) {
        int year = now.atZone(reader.zone()).getYear();
        return "zh-TW".equals(reader.language())
                ? new Words("zh-TW", Locale.TRADITIONAL_CHINESE, reader.zone(), ZH_TW, year)
                : new Words("en", Locale.ENGLISH, reader.zone(), EN, year);
    }

    /** The pattern of {@code key} with these (already formatted) arguments; a missing key reads English. */
    String say(String key, Object... args) {
        String p = patterns.getOrDefault(key, EN.get(key));
        if (p == null) return key;
        return new MessageFormat(p, locale).format(args);
    }

    /** A key's words, when the key may be unknown (then the fallback). */
    String sayOr(String key, String fallback) {
        String p = patterns.getOrDefault(key, EN.get(key));
        return p == null ? fallback : say(key);
    }

    String when(Instant i) {
        if (i == null) return "-";
        ZonedDateTime local = i.atZone(zone);
        // seconds only when they matter (targets as short as PT5S exist)
        boolean otherYear = local.getYear() != thisYear;
        String seconds = local.getSecond() == 0 ? "" : ":ss";
        String pattern = language.equals("zh-TW")
                ? (otherYear ? "yyyy年" : "") + "M月d日（EEE）HH:mm" + seconds
                : "EEE d MMM " + (otherYear ? "yyyy " : "") + "HH:mm" + seconds;
        return DateTimeFormatter.ofPattern(pattern, locale).format(local) + " " + zone.getId();
    }

    String duration(Duration d) {
        long s = d.getSeconds();
        if (language.equals("zh-TW")) {
            if (s >= 3600) return (s / 3600) + " 小時 " + ((s % 3600) / 60) + " 分";
            if (s >= 60) return (s / 60) + " 分 " + (s % 60) + " 秒";
            return s + " 秒";
        }
        if (s >= 3600) return (s / 3600) + " h " + ((s % 3600) / 60) + " min";
        if (s >= 60) return (s / 60) + " min " + (s % 60) + " s";
        return s + " s";
    }

    /** "45 minutes", "8 hours", "1 business day" (「45 分鐘」…). */
    String target(Duration duration, Integer businessDays) {
        if (businessDays != null)
            return say(businessDays == 1 ? "unit.businessDay" : "unit.businessDays", businessDays);
        long s = duration.getSeconds();
        if (s % 86_400 == 0 && s > 0) return unit(s / 86_400, "day");
        if (s % 3_600 == 0 && s > 0) return unit(s / 3_600, "hour");
        if (s % 60 == 0 && s > 0) return unit(s / 60, "minute");
        return unit(s, "second");
    }

    private String unit(long n, String unit) {
        return say("unit." + unit + (n == 1 ? "" : "s"), n);
    }

    /** A plan as words: "Pro plan", and a plan already named "Office plan" is not "Office plan plan". */
    String plan(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean named =
                language.equals("zh-TW") ? name.endsWith("方案") : lower.equals("plan") || lower.endsWith(" plan");
        return named ? name : say("plan", name);
    }

    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry("metric.first_response", "First response"),
            Map.entry("metric.resolution", "Resolution"),
            Map.entry("metric.reevaluation", "Re-evaluation response"),
            Map.entry("plan", "{0} plan"),
            Map.entry("unit.businessDay", "{0} business day"),
            Map.entry("unit.businessDays", "{0} business days"),
            Map.entry("unit.day", "{0} day"),
            Map.entry("unit.days", "{0} days"),
            Map.entry("unit.hour", "{0} hour"),
            Map.entry("unit.hours", "{0} hours"),
            Map.entry("unit.minute", "{0} minute"),
            Map.entry("unit.minutes", "{0} minutes"),
            Map.entry("unit.second", "{0} second"),
            Map.entry("unit.seconds", "{0} seconds"),
            Map.entry("calendar.24x7", " (24/7)"),
            Map.entry("calendar.business-days", " of business days"),
            Map.entry("calendar.businessDaysOf", " (business days of {0})"),
            Map.entry("calendar.stored", " ({0})"),
            Map.entry("terms", "{0}, {1}, {2}{3}"),
            Map.entry("ticket.created", "Opened via {0} with severity {1}"),
            Map.entry("ticket.createdSuggested", "Opened via {0}; severity {1} suggested from its words"),
            Map.entry("ticket.imported", "Imported via {0} with severity {1}"),
            Map.entry("message.byStaff", "Reply by support"),
            Map.entry("message.byCustomer", "Message from the customer"),
            Map.entry("message.internal", "Internal note by an agent"),
            Map.entry("status.changed", "Status changed from {0} to {1}"),
            Map.entry("status.changedBecause", "Status changed from {0} to {1} ({2})"),
            Map.entry("status.first_reply", "first public reply"),
            Map.entry("status.customer_replied", "the customer replied"),
            Map.entry("status.reopened_by_message", "reopened by the customer''s message"),
            Map.entry("status.auto_closed", "closed automatically after being solved"),
            Map.entry("severity.changed", "Severity changed from {0} to {1}: {2}"),
            Map.entry("assigned.user", "Assigned to {0}"),
            Map.entry("assigned.userInGroup", "Assigned to {0} in group {1}"),
            Map.entry("assigned.group", "Assigned to group {0}"),
            Map.entry("assigned.nobody", "Unassigned"),
            Map.entry("escalation.raised", "Escalated to level {0}"),
            Map.entry("escalation.priority", ", priority {0}"),
            Map.entry("escalation.group", ", reassigned to group {0}"),
            Map.entry("reevaluation.requested", "Re-evaluation to {0} requested: {1}"),
            Map.entry("reevaluation.requestedNoReason", "Re-evaluation to {0} requested"),
            Map.entry("reevaluation.accepted", "Re-evaluation accepted: {0}"),
            Map.entry("reevaluation.declined", "Re-evaluation declined: {0}"),
            Map.entry("reevaluation.withdrawn", "Re-evaluation withdrawn by the customer"),
            Map.entry("reevaluation.withdrawnByClosing", "Re-evaluation withdrawn: the ticket was closed"),
            Map.entry("clock.started", "{0} due {1}: opened {2}, {3}"),
            Map.entry("clock.startedShort", "{0} due {1}"),
            Map.entry("clock.paused", "{0} clock paused while waiting on the customer"),
            Map.entry("clock.pausedLeft", "{0} clock paused while waiting on the customer; {1} of working time left"),
            Map.entry("clock.resumed", "{0} clock resumed ({1}): due {2}"),
            Map.entry("clock.reopened", "{0} clock resumed on reopening; the time solved counts as paused: due {1}"),
            Map.entry("clock.met", "{0} met: {1} at {2}, due {3}"),
            Map.entry("clock.stopped", "{0} stopped late: {1} at {2}, it was due {3}"),
            Map.entry("clock.warned", "{0} at risk: {1} % of the target used, due {2}"),
            Map.entry("clock.breached", "{0} breached: it was due {1}"),
            Map.entry("clock.retargeted", "{0} retargeted ({1}): due {2}; {3}"),
            Map.entry("clock.retargetedPaused", "{0} retargeted ({1}): paused, {2} left; {3}"),
            Map.entry("why.severity_changed", "severity {0} → {1}: {2}"),
            Map.entry("why.severity_changedNoNote", "severity {0} → {1}"),
            Map.entry("why.policy_changed", "its policy changed"),
            Map.entry("why.calendar_changed", "its calendar changed"),
            Map.entry("why.organization_changed", "the organization's plan, time zone or calendar changed"),
            Map.entry("reason.first_reply", "first public reply by support"),
            Map.entry("reason.solved", "solved"),
            Map.entry("reason.solved_without_reply", "solved without a public reply"),
            Map.entry("reason.customer_answered", "the customer answered"),
            Map.entry("reason.no_longer_waiting", "no longer waiting on the customer"),
            Map.entry("reason.reopened", "reopened"),
            Map.entry("reason.request_accepted", "request accepted"),
            Map.entry("reason.request_declined", "request declined"),
            Map.entry("reason.request_withdrawn", "request withdrawn"),
            Map.entry("channel.api", "the API"),
            Map.entry("channel.portal", "the portal"),
            Map.entry("channel.email", "email"),
            Map.entry("channel.widget", "the in-app widget"),
            Map.entry("status.new", "new"),
            Map.entry("status.open", "open"),
            Map.entry("status.pending", "pending"),
            Map.entry("status.on_hold", "on hold"),
            Map.entry("status.solved", "solved"),
            Map.entry("status.closed", "closed"),
            Map.entry("priority.normal", "normal"),
            Map.entry("priority.high", "high"),
            Map.entry("priority.urgent", "urgent"));

    private static final Map<String, String> ZH_TW = Map.ofEntries(
            Map.entry("metric.first_response", "首次回覆"),
            Map.entry("metric.resolution", "解決"),
            Map.entry("metric.reevaluation", "重新評估回覆"),
            Map.entry("plan", "{0} 方案"),
            Map.entry("unit.businessDay", "{0} 個工作天"),
            Map.entry("unit.businessDays", "{0} 個工作天"),
            Map.entry("unit.day", "{0} 天"),
            Map.entry("unit.days", "{0} 天"),
            Map.entry("unit.hour", "{0} 小時"),
            Map.entry("unit.hours", "{0} 小時"),
            Map.entry("unit.minute", "{0} 分鐘"),
            Map.entry("unit.minutes", "{0} 分鐘"),
            Map.entry("unit.second", "{0} 秒"),
            Map.entry("unit.seconds", "{0} 秒"),
            Map.entry("calendar.24x7", "（全天候）"),
            Map.entry("calendar.business-days", "（工作日）"),
            Map.entry("calendar.businessDaysOf", "（{0} 的工作日）"),
            Map.entry("calendar.stored", "（{0}）"),
            Map.entry("terms", "{0}，{1}，{2}{3}"),
            Map.entry("ticket.created", "經由 {0} 建立，嚴重程度 {1}"),
            Map.entry("ticket.createdSuggested", "經由 {0} 建立，依內容建議嚴重程度 {1}"),
            Map.entry("ticket.imported", "經由 {0} 匯入，嚴重程度 {1}"),
            Map.entry("message.byStaff", "客服回覆"),
            Map.entry("message.byCustomer", "客戶留言"),
            Map.entry("message.internal", "客服內部備註"),
            Map.entry("status.changed", "狀態由「{0}」變更為「{1}」"),
            Map.entry("status.changedBecause", "狀態由「{0}」變更為「{1}」（{2}）"),
            Map.entry("status.first_reply", "首次公開回覆"),
            Map.entry("status.customer_replied", "客戶已回覆"),
            Map.entry("status.reopened_by_message", "客戶留言後重新開啟"),
            Map.entry("status.auto_closed", "解決後自動結案"),
            Map.entry("severity.changed", "嚴重程度由 {0} 變更為 {1}：{2}"),
            Map.entry("assigned.user", "已指派給 {0}"),
            Map.entry("assigned.userInGroup", "已指派給群組 {1} 的 {0}"),
            Map.entry("assigned.group", "已指派給群組 {0}"),
            Map.entry("assigned.nobody", "已取消指派"),
            Map.entry("escalation.raised", "已升級至第 {0} 級"),
            Map.entry("escalation.priority", "，優先順序 {0}"),
            Map.entry("escalation.group", "，改派給群組 {0}"),
            Map.entry("reevaluation.requested", "要求將嚴重程度重新評估為 {0}：{1}"),
            Map.entry("reevaluation.requestedNoReason", "要求將嚴重程度重新評估為 {0}"),
            Map.entry("reevaluation.accepted", "已接受重新評估：{0}"),
            Map.entry("reevaluation.declined", "已婉拒重新評估：{0}"),
            Map.entry("reevaluation.withdrawn", "客戶已撤回重新評估要求"),
            Map.entry("reevaluation.withdrawnByClosing", "工單已結案，重新評估要求隨之撤回"),
            Map.entry("clock.started", "{0}期限 {1}：建立於 {2}，{3}"),
            Map.entry("clock.startedShort", "{0}期限 {1}"),
            Map.entry("clock.paused", "等待客戶回覆，{0}計時暫停"),
            Map.entry("clock.pausedLeft", "等待客戶回覆，{0}計時暫停；尚餘 {1} 工作時間"),
            Map.entry("clock.resumed", "{0}計時恢復（{1}）：期限 {2}"),
            Map.entry("clock.reopened", "重新開啟，{0}計時恢復；已解決的時間視為暫停：期限 {1}"),
            Map.entry("clock.met", "{0}已達成：{1}，於 {2}，期限 {3}"),
            Map.entry("clock.stopped", "{0}逾期後停止：{1}，於 {2}，原期限 {3}"),
            Map.entry("clock.warned", "{0}即將逾期：已用掉目標的 {1}%，期限 {2}"),
            Map.entry("clock.breached", "{0}已逾期：原期限 {1}"),
            Map.entry("clock.retargeted", "{0}期限已調整（{1}）：期限 {2}；{3}"),
            Map.entry("clock.retargetedPaused", "{0}期限已調整（{1}）：暫停中，尚餘 {2}；{3}"),
            Map.entry("why.severity_changed", "嚴重程度 {0} → {1}：{2}"),
            Map.entry("why.severity_changedNoNote", "嚴重程度 {0} → {1}"),
            Map.entry("why.policy_changed", "服務政策已變更"),
            Map.entry("why.calendar_changed", "行事曆已變更"),
            Map.entry("why.organization_changed", "組織的方案、時區或行事曆已變更"),
            Map.entry("reason.first_reply", "客服首次公開回覆"),
            Map.entry("reason.solved", "已解決"),
            Map.entry("reason.solved_without_reply", "未公開回覆即解決"),
            Map.entry("reason.customer_answered", "客戶已回覆"),
            Map.entry("reason.no_longer_waiting", "不再等待客戶"),
            Map.entry("reason.reopened", "重新開啟"),
            Map.entry("reason.request_accepted", "要求已接受"),
            Map.entry("reason.request_declined", "要求已婉拒"),
            Map.entry("reason.request_withdrawn", "要求已撤回"),
            Map.entry("channel.api", "API"),
            Map.entry("channel.portal", "客戶入口"),
            Map.entry("channel.email", "電子郵件"),
            Map.entry("channel.widget", "應用程式內小工具"),
            Map.entry("status.new", "新建"),
            Map.entry("status.open", "處理中"),
            Map.entry("status.pending", "等待客戶"),
            Map.entry("status.on_hold", "暫緩"),
            Map.entry("status.solved", "已解決"),
            Map.entry("status.closed", "已結案"),
            Map.entry("priority.normal", "一般"),
            Map.entry("priority.high", "高"),
            Map.entry("priority.urgent", "緊急"));
}

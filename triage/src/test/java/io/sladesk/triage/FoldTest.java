package io.sladesk.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FoldTest {

    @Test
    void fullWidthCaseAndPunctuation() {
        assertThat(Fold.fold("ＤＯＷＮ！ｏｋ？")).isEqualTo("down!ok?");
        assertThat(Fold.fold("當機。無法使用，請問、「文件」")).isEqualTo("當機.無法使用,請問,\"文件\"");
        assertThat(Fold.fold("Can’t “log” in — OK…")).isEqualTo("can't \"log\" in - ok.");
        assertThat(Fold.fold("\u3000")).isEqualTo(" ");
    }

    @Test
    void simplifiedAndVariantCharacters() {
        assertThat(Fold.fold("无法登录,系统当机,数据丢失,怎么办")).isEqualTo("無法登錄,系統當機,數據丟失,怎麼辦");
        assertThat(Fold.fold("這裏 賬號 爲什麼")).isEqualTo("這裡 帳號 為什麼");
    }

    @Test
    void classes() {
        assertThat(Fold.classOf('a')).isEqualTo(Fold.WORD);
        assertThat(Fold.classOf('Ａ')).isEqualTo(Fold.WORD);
        assertThat(Fold.classOf('9')).isEqualTo(Fold.WORD);
        assertThat(Fold.classOf('é')).isEqualTo(Fold.WORD);
        assertThat(Fold.classOf('當')).isEqualTo(Fold.CJK);
        assertThat(Fold.classOf('の')).isEqualTo(Fold.CJK);
        assertThat(Fold.classOf('，')).isEqualTo(Fold.CLAUSE);
        assertThat(Fold.classOf('。')).isEqualTo(Fold.CLAUSE);
        assertThat(Fold.classOf('\n')).isEqualTo(Fold.NEWLINE);
        assertThat(Fold.classOf('\u3000')).isEqualTo(Fold.SPACE);
        assertThat(Fold.classOf('-')).isEqualTo(Fold.OTHER);
    }

    @Test
    void theFeedMakesWhiteSpaceUniformAndKeepsWhereEachCharacterCameFrom() {
        Feed feed = Feed.of("Can't \t log\u3000in", "無法 使用\r\n很慢");
        String read = new String(feed.chars, 0, feed.length);
        assertThat(read).isEqualTo("can't log in\n無法使用\n\n很慢");
        int start = read.indexOf("無法使用");
        assertThat(feed.quote(start, start + 3)).isEqualTo("無法 使用");
        assertThat(feed.quote(0, 11)).isEqualTo("Can't \t log\u3000in");
    }

    @Test
    void inflections() {
        assertThat(Inflections.of("crash")).containsExactly("crash", "crashes", "crashed", "crashing");
        assertThat(Inflections.of("stop")).contains("stops", "stopped", "stopping", "stoped");
        assertThat(Inflections.of("log")).contains("logs", "logged", "logging");
        assertThat(Inflections.of("freeze")).containsExactly("freeze", "freezes", "freezed", "freezing");
        assertThat(Inflections.of("retry")).containsExactly("retry", "retries", "retried", "retrying");
        assertThat(Inflections.of("fail")).containsExactly("fail", "fails", "failed", "failing");
        assertThat(Inflections.of("open")).containsExactly("open", "opens", "opened", "opening");
        assertThat(Inflections.of("agree")).contains("agreeing");
    }
}

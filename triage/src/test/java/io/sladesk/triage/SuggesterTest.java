package io.sladesk.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SuggesterTest {

    private static final Suggester S = Suggester.standard();

    private static Suggestion suggest(String text) {
        return S.suggest(null, text);
    }

    private static Level level(String text) {
        return suggest(text).severity();
    }

    private static List<String> rules(Suggestion s) {
        return s.reasons().stream().map(Reason::rule).toList();
    }

    private static List<String> phrases(Suggestion s) {
        return s.reasons().stream().map(Reason::phrase).toList();
    }

    @Test
    void standardIsLoadedOnce() {
        assertThat(Suggester.standard()).isSameAs(S);
    }

    @Nested
    class NothingMatches {

        @Test
        void isP4WithNoReasons() {
            for (String text : new String[] {"", "   ", "Hello there", "謝謝你們", "Thanks, see attached screenshot."}) {
                Suggestion s = suggest(text);
                assertThat(s.severity()).as(text).isEqualTo(Level.P4);
                assertThat(s.reasons()).as(text).isEmpty();
            }
        }

        @Test
        void nullsAreAllowed() {
            assertThat(S.suggest(null, null)).isEqualTo(new Suggestion(Level.P4, List.of()));
            assertThat(S.suggest("The inbox is down", null).severity()).isEqualTo(Level.P1);
            assertThat(S.suggest(null, "The inbox is down").severity()).isEqualTo(Level.P1);
        }
    }

    @Nested
    class SeedDefinitions {

        @Test
        void urgent() {
            assertThat(level("Our inbox is down")).isEqualTo(Level.P1);
            assertThat(level("Full outage since 9am")).isEqualTo(Level.P1);
            assertThat(level("The service is unavailable")).isEqualTo(Level.P1);
            assertThat(level("We had data loss after the import")).isEqualTo(Level.P1);
            assertThat(level("Contacts are corrupted, please restore from backup"))
                    .isEqualTo(Level.P1);
            assertThat(level("服務完全無法運作")).isEqualTo(Level.P1);
            assertThat(level("系統當機了")).isEqualTo(Level.P1);
            assertThat(level("資料損壞,需要從備份還原")).isEqualTo(Level.P1);
            assertThat(level("對話資料遺失")).isEqualTo(Level.P1);
            assertThat(level("業務流程嚴重中斷")).isEqualTo(Level.P1);
        }

        @Test
        void high() {
            assertThat(level("The inbox is very slow")).isEqualTo(Level.P2);
            assertThat(level("Performance has degraded badly")).isEqualTo(Level.P2);
            assertThat(level("The chatbot is not working")).isEqualTo(Level.P2);
            assertThat(level("收件匣變慢了")).isEqualTo(Level.P2);
            assertThat(level("系統很慢")).isEqualTo(Level.P2);
            assertThat(level("效能很差")).isEqualTo(Level.P2);
            assertThat(level("群發功能無法使用")).isEqualTo(Level.P2);
            assertThat(level("業務流程可以繼續,但受到限制")).isEqualTo(Level.P2);
        }

        @Test
        void medium() {
            assertThat(level("The tag counter shows the wrong number")).isEqualTo(Level.P3);
            assertThat(level("Export sometimes fails with an error")).isEqualTo(Level.P3);
            assertThat(level("某些元件運作不正常,但軟體仍可使用")).isEqualTo(Level.P3);
            assertThat(level("匯出的欄位順序不正確")).isEqualTo(Level.P3);
        }

        @Test
        void low() {
            assertThat(level("How do I add an agent?")).isEqualTo(Level.P4);
            assertThat(level("Is there documentation for webhooks?")).isEqualTo(Level.P4);
            assertThat(level("Do you offer training for new agents?")).isEqualTo(Level.P4);
            assertThat(level("如何新增客服?")).isEqualTo(Level.P4);
            assertThat(level("怎麼設定營業時間")).isEqualTo(Level.P4);
            assertThat(level("請問有 API 文件嗎")).isEqualTo(Level.P4);
            assertThat(level("想了解教學課程")).isEqualTo(Level.P4);
            assertThat(level("有沒有訓練影片")).isEqualTo(Level.P4);
        }
    }

    @Nested
    class Backups {

        @Test
        void aRequestToRestoreIsUrgent() {
            assertThat(level("All our contacts are gone, please restore them")).isEqualTo(Level.P1);
            assertThat(level("Please restore from backup")).isEqualTo(Level.P1);
            assertThat(level("資料不見了,請協助還原")).isEqualTo(Level.P1);
            assertThat(level("請從備份還原")).isEqualTo(Level.P1);
        }

        @Test
        void aMentionOfABackupIsNot() {
            // the seed's P1 is data lost that must be restored, not a question about backups; asked
            // while nothing is broken it is a general inquiry (P4), on its own a P2 sign
            assertThat(level("Do you keep backups of our conversations?")).isEqualTo(Level.P4);
            assertThat(level("我們想了解備份政策")).isEqualTo(Level.P4);
            assertThat(level("Backups of the chat history")).isEqualTo(Level.P2);
            assertThat(level("How do I restore a deleted template?")).isEqualTo(Level.P4);
            assertThat(level("請問如何備份聯絡人")).isEqualTo(Level.P4);
            assertThat(level("Our agents show as offline in the app")).isEqualTo(Level.P2);
        }
    }

    @Nested
    class Negation {

        @Test
        void aNegatedUrgentSignDoesNotCount() {
            Suggestion s = suggest("The inbox is not down, but it is very slow");
            assertThat(s.severity()).isEqualTo(Level.P2);
            assertThat(s.reasons()).contains(new Reason("not down", Level.P4, "cue.negation"));

            assertThat(level("It's not down")).isEqualTo(Level.P4);
            assertThat(level("Nothing is down, the counter is wrong")).isEqualTo(Level.P3);
            assertThat(level("This isn't really an outage, just a wrong label")).isEqualTo(Level.P3);
            assertThat(level("No data loss, but the export has an error")).isEqualTo(Level.P3);
        }

        @Test
        void chinese() {
            Suggestion s = suggest("系統沒有當機,只是很慢");
            assertThat(s.severity()).isEqualTo(Level.P2);
            assertThat(s.reasons()).contains(new Reason("沒有當機", Level.P4, "cue.negation"));

            Suggestion partly = suggest("不是完全無法使用,只是匯出有錯誤");
            assertThat(partly.severity()).isEqualTo(Level.P3);
            assertThat(partly.reasons()).contains(new Reason("不是完全無法使用", Level.P4, "cue.negation"));

            assertThat(level("沒有任何資料遺失,報表數字不對")).isEqualTo(Level.P3);
        }

        @Test
        void reachesOnlyTheNextSignInTheSameClause() {
            // the comma ends the negation's clause: "down" counts
            assertThat(level("Not sure why, but the inbox is down")).isEqualTo(Level.P1);
            assertThat(level("不是我們的網路問題,系統當機了")).isEqualTo(Level.P1);
            // too far away to be what the negation is about
            assertThat(level("We did not change anything in our settings and the service is down"))
                    .isEqualTo(Level.P1);
        }

        @Test
        void aNegatedAbilityIsAFailureForEveryone() {
            Suggestion s = suggest("Nobody in our team can log in");
            assertThat(s.severity()).isEqualTo(Level.P1);
            assertThat(s.reasons()).extracting(Reason::rule).contains("p2.cannot-log-in");
            assertThat(phrases(s)).contains("Nobody in our team can log in");

            assertThat(level("沒有人能登入")).isEqualTo(Level.P1);
            assertThat(level("No one can open the inbox")).isEqualTo(Level.P1);
        }

        @Test
        void aNegatedWorkaroundIsNoWorkaround() {
            Suggestion s = suggest("Search does not work and there isn't any workaround for the whole team");
            assertThat(rules(s)).contains("p2.feature-broken");
            assertThat(level("Login fails and we don't have a workaround")).isEqualTo(Level.P1);
            assertThat(level("無法登入,沒有其他替代方案")).isEqualTo(Level.P1);
        }
    }

    @Nested
    class Workaround {

        @Test
        void anUrgentSignWithAWorkaroundIsHigh() {
            Suggestion s = suggest("The inbox is down, but there is a workaround: the mobile app works");
            assertThat(s.severity()).isEqualTo(Level.P2);
            assertThat(rules(s)).contains("p1.service-down", "cue.workaround");

            assertThat(level("Our WhatsApp channel is down; we can work around it with email"))
                    .isEqualTo(Level.P2);
            assertThat(level("系統當機,但手機版還可以用")).isEqualTo(Level.P2);
            assertThat(level("服務中斷,目前有替代方案")).isEqualTo(Level.P2);
            assertThat(level("平台無法運作,我們暫時用 email 回覆")).isEqualTo(Level.P2);
        }

        @Test
        void doesNotLowerHighOrMedium() {
            // the seed's P2 and P3 both come with a workaround
            assertThat(level("Reports are very slow; we export CSV as a workaround"))
                    .isEqualTo(Level.P2);
            assertThat(level("The counter is wrong, there is a workaround")).isEqualTo(Level.P3);
        }
    }

    @Nested
    class Scope {

        @Test
        void everyoneMakesAnAccessProblemUrgent() {
            assertThat(level("I cannot log in")).isEqualTo(Level.P2);
            assertThat(level("All users cannot log in")).isEqualTo(Level.P1);
            assertThat(level("Cannot log in for anyone")).isEqualTo(Level.P1);
            assertThat(level("Everyone gets a 502 on every page")).isEqualTo(Level.P1);
            assertThat(level("無法登入")).isEqualTo(Level.P2);
            assertThat(level("所有使用者都無法登入")).isEqualTo(Level.P1);
            assertThat(level("整個公司都打不開收件匣")).isEqualTo(Level.P1);
            Suggestion s = suggest("所有使用者都無法登入");
            assertThat(s.reasons())
                    .contains(new Reason("所有使用者", Level.P1, "cue.everyone"))
                    .contains(new Reason("無法登入", Level.P1, "p2.cannot-log-in"));
        }

        @Test
        void everyoneDoesNotMakeEverythingUrgent() {
            // a slow report for everyone is still the seed's P2, a wrong counter still P3
            assertThat(level("The reports are slow for all users")).isEqualTo(Level.P2);
            assertThat(level("The counter is wrong for everyone")).isEqualTo(Level.P3);
        }

        @Test
        void fewUsersMakeItLessUrgent() {
            assertThat(level("One user cannot log in")).isEqualTo(Level.P3);
            assertThat(level("Only one agent sees a wrong avatar")).isEqualTo(Level.P4);
            assertThat(level("A few users see an error on the settings page")).isEqualTo(Level.P4);
            assertThat(level("只有一位同事無法登入")).isEqualTo(Level.P3);
            Suggestion s = suggest("A few users report that the inbox is very slow");
            assertThat(s.severity()).isEqualTo(Level.P3);
            assertThat(s.reasons()).contains(new Reason("A few users", Level.P3, "cue.few-users"));
        }

        @Test
        void fewUsersNeverMakeAnUrgentSignMediumOrLow() {
            assertThat(level("One user lost data")).isEqualTo(Level.P2);
            assertThat(level("只有一位同事的資料遺失")).isEqualTo(Level.P2);
            assertThat(level("How do I fix this? One user says some of the data is lost and the rest works"))
                    .isEqualTo(Level.P2);
        }
    }

    @Nested
    class Questions {

        @Test
        void aQuestionIsLow() {
            assertThat(level("How do I change my password?")).isEqualTo(Level.P4);
            assertThat(level("如何變更密碼?")).isEqualTo(Level.P4);
            assertThat(level("請問可以設定自動回覆嗎")).isEqualTo(Level.P4);
            Suggestion s = suggest("請問怎麼匯出報表");
            assertThat(rules(s)).containsOnly("p4.how-to");
        }

        @Test
        void aQuestionAboutARealFaultIsTheFault() {
            // changed 2026-12-01: a question lowers nothing that is broken (it used to make P3 P4)
            assertThat(level("How do I fix the error on the export?")).isEqualTo(Level.P3);
            assertThat(level("請問匯出時出現錯誤該怎麼處理")).isEqualTo(Level.P3);
        }

        @Test
        void aQuestionNeverLowersAnUrgentOrHighIssue() {
            assertThat(level("How do we get back in? Nobody can log in")).isEqualTo(Level.P1);
            assertThat(level("請問系統是不是當機了?")).isEqualTo(Level.P1);
            assertThat(level("How do I make the inbox less slow?")).isEqualTo(Level.P2);
        }
    }

    /** The defects an outside reviewer found (2026-12-01), each with sentences of its own. */
    @Nested
    class ReviewerDefects {

        @Test
        void cannotAccessIsAnAccessFailureAndNoAccessIsNotANegation() {
            assertThat(level("Unable to access the app since the update, for every agent"))
                    .isEqualTo(Level.P1);
            assertThat(level("The whole support team has no access since lunch"))
                    .isEqualTo(Level.P1);
            assertThat(level("Our staff cannot access our workspace at all")).isEqualTo(Level.P1);
            assertThat(level("I can't access the analytics tab")).isEqualTo(Level.P2);
            assertThat(level("Everything returns a 404 for all users")).isEqualTo(Level.P1);
            assertThat(level("The platform is dead this morning")).isEqualTo(Level.P1);
            assertThat(level("全體同仁都沒辦法存取收件匣")).isEqualTo(Level.P1);
            Suggestion s = suggest("No access to anything for the sales team");
            assertThat(s.severity()).isEqualTo(Level.P1);
            assertThat(rules(s)).doesNotContain("cue.negation");
            assertThat(level("No one is able to log in, the whole office")).isEqualTo(Level.P1);
        }

        @Test
        void aTopicNounIsNotAQuestion() {
            assertThat(level("Invoice PDF has the wrong company name")).isEqualTo(Level.P3);
            assertThat(level("SLA badge shows an error on each ticket")).isEqualTo(Level.P3);
            assertThat(level("付款紀錄的日期錯誤")).isEqualTo(Level.P3);
            assertThat(level("The guide page fails to show images")).isEqualTo(Level.P3);
            // a request form, or the topic alone, is still P4
            assertThat(level("Could you send the documentation for the export API?"))
                    .isEqualTo(Level.P4);
            assertThat(level("麻煩提供 webhook 的文件")).isEqualTo(Level.P4);
            assertThat(level("Question about our invoice")).isEqualTo(Level.P4);
        }

        @Test
        void fileIsNotDocumentation() {
            Suggestion s = suggest("中文檔案名稱的附件顯示不正確");
            assertThat(rules(s)).doesNotContain("p4.documentation");
            assertThat(s.severity()).isEqualTo(Level.P3);
            Suggestion upload = suggest("上傳文件一直失敗");
            assertThat(rules(upload)).doesNotContain("p4.documentation");
            assertThat(upload.severity()).isEqualTo(Level.P3);
            assertThat(level("文件下載功能無法使用")).isEqualTo(Level.P2);
        }

        @Test
        void aFailedWorkaroundIsNoWorkaround() {
            Suggestion s = suggest("Inbox is down; the workaround from support does not work");
            assertThat(s.severity()).isEqualTo(Level.P1);
            assertThat(rules(s)).contains("cue.workaround-failed").doesNotContain("cue.workaround");
            assertThat(level("We used the temporary fix, no luck, the service is still unavailable"))
                    .isEqualTo(Level.P1);
            assertThat(level("服務中斷,臨時方案試了還是不行")).isEqualTo(Level.P1);
            assertThat(level("平台當機,你們說的變通方法也沒用")).isEqualTo(Level.P1);
            // a failed workaround raises a sign with an everyone level, like "no workaround"
            assertThat(level("Login fails, and the workaround didn't help")).isEqualTo(Level.P1);
            // a workaround that works still makes an outage P2
            assertThat(level("The service is down, but the workaround works for now"))
                    .isEqualTo(Level.P2);
        }

        @Test
        void aQuestionAboutAMalfunctionKeepsTheMalfunction() {
            assertThat(level("A handful of agents can't sign in, what should we do? How do we fix it?"))
                    .isEqualTo(Level.P3);
            assertThat(level("Broadcasts stopped working, how can we fix that?"))
                    .isEqualTo(Level.P2);
            assertThat(level("有些客服登不進去,請問要怎麼解決?")).isEqualTo(Level.P3);
            assertThat(level("報表匯出失敗,想請問怎麼辦")).isEqualTo(Level.P3);
            // with nothing broken a question is still P4
            assertThat(level("How do we set up a second inbox?")).isEqualTo(Level.P4);
        }

        @Test
        void overUrgencyIsDampened() {
            // poor efficiency is slowness (P2), "大家" does not make it P1
            assertThat(level("整個團隊效率變差,畫面反應很慢")).isEqualTo(Level.P2);
            // a hypothetical, or a question while nothing is wrong
            assertThat(level("What happens if our data is ever lost, could you restore it from a backup?"))
                    .isEqualTo(Level.P4);
            assertThat(level("假如哪天資料被刪除,可以從備份還原嗎?")).isEqualTo(Level.P4);
            assertThat(level("How long do you keep backups? Everything is fine, just asking."))
                    .isEqualTo(Level.P4);
            assertThat(level("目前一切正常,想知道你們的還原流程")).isEqualTo(Level.P4);
            assertThat(level("Do you back up attachments too?")).isEqualTo(Level.P4);
            // the others are fine: confined to a few people, not the service down
            assertThat(level("The inbox is down for two of our agents, the rest of the team is fine"))
                    .isEqualTo(Level.P3);
            assertThat(level("少數同事說系統當機,其他人都正常")).isEqualTo(Level.P3);
            // but data lost for a few is still at least P2
            assertThat(level("One user lost data, other users are fine")).isEqualTo(Level.P2);
        }

        @Test
        void smallMalfunctionsAreMedium() {
            assertThat(level("Push alerts show up minutes late")).isEqualTo(Level.P3);
            assertThat(level("Report dates are displayed in UTC")).isEqualTo(Level.P3);
            assertThat(level("訊息時間時區錯誤")).isEqualTo(Level.P3);
            assertThat(level("The emoji picker occasionally won't open")).isEqualTo(Level.P3);
            assertThat(level("客戶名片偶爾打不開")).isEqualTo(Level.P3);
            // intermittent qualifies the sign next to it only
            assertThat(level("Search is extremely slow and sometimes fails")).isEqualTo(Level.P2);
            assertThat(level("標籤功能有點異常,其餘都還能用")).isEqualTo(Level.P3);
        }

        @Test
        void neverAnUrgentTextAsMediumOrLowBecauseOfTheNewCues() {
            assertThat(level("The whole platform is down. How do we fix it?")).isEqualTo(Level.P1);
            assertThat(level("Nothing is wrong with our wifi, the service is down"))
                    .isEqualTo(Level.P1);
            assertThat(level("Nobody can log in, is there any workaround?")).isEqualTo(Level.P1);
            assertThat(level("資料全部不見了,萬一備份也沒有怎麼辦?")).isEqualTo(Level.P1);
        }
    }

    @Nested
    class Matching {

        @Test
        void englishIsCaseInsensitive() {
            assertThat(level("INBOX IS DOWN")).isEqualTo(Level.P1);
            assertThat(level("Data Loss")).isEqualTo(Level.P1);
            assertThat(suggest("OUTAGE!").reasons()).containsExactly(new Reason("OUTAGE", Level.P1, "p1.service-down"));
        }

        @Test
        void englishInflections() {
            for (String form : new String[] {"crash", "crashes", "crashed", "crashing"}) {
                Suggestion s = suggest("The mobile app " + form + " when I open a chat");
                assertThat(s.severity()).as(form).isEqualTo(Level.P2);
                assertThat(s.reasons()).as(form).contains(new Reason(form, Level.P2, "p2.feature-broken"));
            }
            assertThat(level("Sync stopped working")).isEqualTo(Level.P2);
            assertThat(level("Sync stops working")).isEqualTo(Level.P2);
            assertThat(level("The page keeps freezing")).isEqualTo(Level.P2);
            assertThat(level("Everything slowed down")).isEqualTo(Level.P2);
        }

        @Test
        void wordBoundaries() {
            // "down" is not in "download", "dropdown" or "drop-down"
            assertThat(level("The download button is blue")).isEqualTo(Level.P4);
            assertThat(level("Please add a value to the drop-down")).isEqualTo(Level.P4);
            assertThat(level("Scroll down to see it")).isEqualTo(Level.P4);
            assertThat(level("The app slows down at noon")).isEqualTo(Level.P2);
        }

        @Test
        void chineseWithoutSpacesAndWithStraySpaces() {
            assertThat(suggest("今天早上系統當機了大家都很急").reasons())
                    .extracting(Reason::phrase)
                    .contains("當機");
            Suggestion spaced = suggest("收件匣 無法 使用");
            assertThat(spaced.severity()).isEqualTo(Level.P2);
            assertThat(phrases(spaced)).contains("無法 使用");
        }

        @Test
        void fullWidthAndHalfWidthAreAlike() {
            assertThat(level("ＩＮＢＯＸ ＩＳ ＤＯＷＮ")).isEqualTo(Level.P1);
            assertThat(suggest("ｏｕｔａｇｅ").reasons()).containsExactly(new Reason("ｏｕｔａｇｅ", Level.P1, "p1.service-down"));
            // a full-width comma ends a clause like a half-width one: "down" is not negated
            assertThat(level("沒有問題,系統當機")).isEqualTo(Level.P1);
            assertThat(level("不是網路問題，系統當機")).isEqualTo(Level.P1);
            assertThat(level("不是網路問題, 系統當機")).isEqualTo(Level.P1);
            // curly and straight apostrophes
            assertThat(level("I can’t log in")).isEqualTo(Level.P2);
            assertThat(level("I can't log in")).isEqualTo(Level.P2);
        }

        @Test
        void simplifiedCharactersAreReadAsTraditional() {
            Suggestion s = suggest("系统无法登录");
            assertThat(s.severity()).isEqualTo(Level.P2);
            assertThat(phrases(s)).contains("无法登录");
        }

        @Test
        void mixedLanguages() {
            Suggestion s = suggest("我們的 inbox 完全 down 掉,所有 agent 都無法登入");
            assertThat(s.severity()).isEqualTo(Level.P1);
            assertThat(phrases(s)).contains("down", "無法登入");
            assertThat(level("Broadcast 功能很慢, workaround 是手動發送")).isEqualTo(Level.P2);
            assertThat(level("How do I 匯入 contacts?")).isEqualTo(Level.P4);
            assertThat(level("請問 how do I export?")).isEqualTo(Level.P4);
        }

        @Test
        void noPhraseSpansSubjectAndDescription() {
            // "log" ends the subject, "in" begins the description: no "can't log in"
            Suggestion s = S.suggest("I can't log", "in to the meeting, how do I join?");
            assertThat(rules(s)).doesNotContain("p2.cannot-log-in");
        }
    }

    @Nested
    class Reasons {

        @Test
        void quoteTheInputAsWritten() {
            String subject = "Ｉｎｂｏｘ ＤＯＷＮ  for   everyone";
            String description = "收件匣  完全   無法使用,沒有替代方案。We can’t  log in.";
            Suggestion s = S.suggest(subject, description);
            assertThat(s.severity()).isEqualTo(Level.P1);
            assertThat(s.reasons()).isNotEmpty();
            for (Reason r : s.reasons()) {
                assertThat(subject.contains(r.phrase()) || description.contains(r.phrase()))
                        .as(r.toString())
                        .isTrue();
            }
            assertThat(phrases(s)).contains("ＤＯＷＮ", "can’t  log in");
        }

        @Test
        void areInTextOrderAndGivenOnce() {
            Suggestion s = suggest("Slow. So slow. slow, SLOW and then it crashed");
            // "slow" and "SLOW" are the phrase "Slow" again, folded
            assertThat(phrases(s)).containsExactly("Slow", "So slow", "crashed");
        }

        @Test
        void signsThatDidNotDecideAreStillShown() {
            Suggestion s = suggest("The app is down and also the counter is wrong");
            assertThat(s.reasons())
                    .containsExactly(
                            new Reason("is down", Level.P1, "p1.service-down"),
                            new Reason("wrong", Level.P3, "p3.component-misbehaves"));
        }
    }

    @Nested
    class Explanations {

        @Test
        void everyRuleIsExplainedInBothLanguagesCitingTheSeed() {
            for (Rule rule : S.rules().rules) {
                String en = S.explain(rule.id(), Locale.ENGLISH);
                String zh = S.explain(rule.id(), Locale.TRADITIONAL_CHINESE);
                assertThat(en).as(rule.id()).isNotBlank().isNotEqualTo(zh);
                assertThat(zh).as(rule.id()).isNotBlank();
                assertThat(zh.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                        .as(rule.id())
                        .isTrue();
                if (rule.kind() != Rule.Kind.NEUTRAL) {
                    assertThat(en).as(rule.id()).containsIgnoringCase("seed");
                    assertThat(zh).as(rule.id()).containsAnyOf("種子文件", "出處", "依據");
                }
            }
        }

        @Test
        void everyRuleAReasonCanNameIsExplained() {
            Suggestion s = suggest("Nobody can log in, there isn't a workaround, data loss, how do I fix it");
            for (Reason r : s.reasons()) {
                assertThat(S.explain(r.rule(), Locale.ENGLISH)).isNotBlank();
            }
        }

        @Test
        void chineseForEveryChineseLocaleEnglishOtherwise() {
            String zh = S.explain("p1.service-down", Locale.forLanguageTag("zh"));
            String en = S.explain("p1.service-down", Locale.ENGLISH);
            assertThat(zh).contains("服務");
            assertThat(en).contains("The service is down");
            for (String tag : new String[] {"zh", "zh-TW", "zh-Hant", "zh-Hant-TW", "zh-HK"}) {
                assertThat(S.explain("p1.service-down", Locale.forLanguageTag(tag)))
                        .as(tag)
                        .isEqualTo(zh);
            }
            for (String tag : new String[] {"en", "en-US", "fr", "ja", "und"}) {
                assertThat(S.explain("p1.service-down", Locale.forLanguageTag(tag)))
                        .as(tag)
                        .isEqualTo(en);
            }
            assertThat(S.explain("p1.service-down", null)).isEqualTo(en);
        }

        @Test
        void anUnknownRuleIsRefused() {
            assertThatThrownBy(() -> S.explain("p9.nothing", Locale.ENGLISH))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("p9.nothing");
            assertThatThrownBy(() -> S.explain(null, Locale.ENGLISH)).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void aLongTextIsFast() {
        String text = "Hello team, our agents report that the inbox is slow and some pages show an error. ".repeat(15)
                + "完全無法使用,所有人都無法登入,請問如何處理?".repeat(40);
        String twoThousand = text.substring(0, 2_000);
        for (int i = 0; i < 2_000; i++) {
            S.suggest("Subject", twoThousand);
        }
        long[] nanos = new long[1_001];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            S.suggest("Subject", twoThousand);
            nanos[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        // A coarse guard against a slower algorithm (a regular expression per phrase costs tens of
        // milliseconds here), not the measurement: this machine is shared, so a percentile taken in a
        // unit test would fail on someone else's build. The requirement (p99 under 5 ms) is measured by
        // the JMH benchmark in bench/ (TriageBenchmark, figures in bench/RESULTS.md).
        assertThat(nanos[500]).as("median in ns").isLessThan(1_000_000L);
    }
}

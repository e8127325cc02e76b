package io.sladesk.bench;

import io.sladesk.triage.Level;
import io.sladesk.triage.Suggester;
import io.sladesk.triage.Suggestion;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of {@link Suggester#suggest} on a 2,000-character description (and a short subject), in English,
 * in Traditional Chinese, and in a mix of both, as the ticket form and the widget call it while the
 * customer types. Sample time: JMH reports the distribution of single calls, so p50 and p99 can be
 * read off directly (the requirement is p99 under 5 ms).
 *
 * <p>Each text is a realistic ticket, signs and cues of every kind included, written out longer than
 * 2,000 characters; each call takes the next of 16 windows of exactly 2,000 characters at different
 * offsets of it, so that neither the branch predictor nor the caches see the same input twice in a row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TriageBenchmark {

    static final int LENGTH = 2_000;
    private static final int WINDOWS = 16;

    static final String ENGLISH =
            "Hi support team, since about 9:10 this morning our shared inbox has been really slow for"
                    + " most of the agents, and for some of them it does not load at all: they get a blank page or a 502 Bad"
                    + " Gateway. It is not a full outage, the mobile app still works, and we can work around it for now by"
                    + " answering from our phones, but our response times are suffering badly and customers are complaining."
                    + " Two agents cannot log in at all since the password reset; everyone else can. The chatbot stopped"
                    + " replying yesterday and broadcasts scheduled for 10:00 never went out. We also noticed that the tag"
                    + " counter in the sidebar shows the wrong number, and sometimes exporting contacts to CSV fails with an"
                    + " error, which is a minor issue compared with the rest. Nothing was lost as far as we can tell, no data"
                    + " loss, so we do not think you need to restore from backup. How do I check whether the problem is on our"
                    + " side? Is there documentation about the status page, or training material we could share with the new"
                    + " agents who start next week? One user also says the drop-down for assigning conversations crashed"
                    + " twice, and the reports page times out every time she opens it. Please let us know what you find and"
                    + " whether there is a workaround for the broadcasts; we have a campaign going out tomorrow and the whole"
                    + " team depends on it. If it gets worse and the service goes down for everyone, our business is stopped,"
                    + " so please treat this as urgent. Thanks a lot, Maria (support lead) — the export error is not blocking,"
                    + " the rest of the platform works, and the performance problem started after your release on Monday."
                    + " Follow-up from the afternoon shift: around 14:00 every page showed a 500 error for roughly ten minutes, then things came back, but the inbox stayed sluggish and the search kept returning no results for phone numbers we know exist. Our supervisor has been assigning conversations by hand because the routing rules are not firing, which eats her whole day. A couple of customers said their messages arrived twice; on their side they only sent one, so we think it is a display issue rather than anything corrupted. The Shopify integration also stopped syncing orders two days ago, so agents keep switching tabs to look up order status, which slows the whole team down. We would love a short call to walk us through the new routing settings once this is fixed, and a copy of the incident report for our management. Finally, is it possible to get an invoice with our VAT number on it? No rush on that one. Thanks again for looking into this so quickly; we really appreciate it.";

    static final String CHINESE = "客服團隊您好,從今天早上九點多開始,我們的共用收件匣對大部分客服人員來說變得非常慢,"
            + "有些人甚至完全打不開,只看到一片空白或是 502 錯誤。目前不是完全無法使用,手機 App 還可以用,我們暫時先用手機回覆客人,"
            + "算是替代方案,但回覆時間明顯變長,客人一直抱怨。有兩位同事重設密碼之後就無法登入,其他人都正常。聊天機器人從昨天開始沒有回應,"
            + "排程在十點的群發訊息也沒有送出。另外側邊欄的標籤數量顯示錯誤,匯出聯絡人 CSV 的時候偶爾會出現錯誤,這算是小問題。"
            + "目前看起來沒有資料遺失,應該不需要從備份還原。請問我們要怎麼確認問題是不是在我們這邊?有沒有狀態頁的說明文件,"
            + "或是可以給下週報到的新同事看的教學影片和訓練課程?只有一位同事說指派對話的下拉選單當掉兩次,報表頁面每次打開都逾時。"
            + "麻煩告訴我們查到什麼,以及群發有沒有暫時的解決辦法;明天有一個活動要發送,整個團隊都靠它。如果情況變糟、所有使用者都無法登入,"
            + "整個公司的業務就會停擺,所以請當作緊急處理。匯出的錯誤不影響使用,其他功能正常,效能問題是從週一你們更新之後開始的。"
            + "我們也發現搜尋功能有時找不到結果,客服只能一頁一頁翻,非常影響效率。Webhook 事件延遲兩三個小時才送到,CRM 資料不是最新的,"
            + "業務運作受到限制。深色模式下設定頁面有些文字看不清楚,不急。另外想請問發票抬頭可以修改嗎?謝謝。"
            + "補充:今天下午兩點左右,平台有一段時間每個頁面都顯示 500 錯誤,大約十分鐘後恢復,我們不確定是不是同一個問題,"
            + "也想知道你們是否有事故報告可以提供給我們的主管。另外有客人反映收到的訊息重複顯示兩次,客戶那邊只收到一次,應該只是顯示問題。"
            + "最後,我們想了解如何設定自動分派,以及 Pro 方案週末是否也有支援,回應時間大概多久。再次感謝協助。"
            + "補充下午的狀況:大概兩點左右,每一頁都出現 500 錯誤,持續十分鐘左右之後恢復,但收件匣還是很卡,用電話號碼搜尋客人也一直查不到資料。主管因為分流規則沒有觸發,整天都在手動分配對話,工作量暴增。有幾位客人說他們的訊息在我們這邊顯示兩次,但他們只傳了一次,我們猜只是顯示問題,資料沒有損壞。Shopify 的訂單同步兩天前就停止了,客服要一直切換分頁查訂單狀態,整組效率掉很多。等問題修好之後,想請你們安排一次線上課程,帶我們熟悉新的分流設定,也希望能提供事故報告給我們的管理層。最後想請問,能不能開一張有統編的發票給我們?這個不急。我們的客服主管也想知道,如果之後又發生同樣的情況,有沒有辦法第一時間收到通知,或是在狀態頁訂閱更新。另外,部分同事反映在 Safari 上打開設定頁面會跑版,按鈕疊在一起,換成 Chrome 就正常,算是小問題。還有一件事:上週匯入的聯絡人裡,有些名字變成亂碼,目前只影響少數幾筆,我們先手動修改,想請你們確認是不是匯入工具的問題,以免下次匯入時整批資料都損壞。再次謝謝你們這麼快處理,辛苦了。"
            + "第二天的更新:今天早上九點前大家都能正常登入,但是十點以後,收件匣又開始變慢,開一個對話要等二十秒以上,雖然最後還是會出來,可是一天只能處理平常一半的量。行銷部門排程的群發活動全部卡在「排隊中」,一對一聊天倒是正常,我們只好一則一則複製貼上給客人,量太大根本做不完。自動回覆規則在下班時間也都沒有作用,客人晚上傳訊息完全收不到任何回應,我們先在官網放公告說明。數據分析頁一直轉圈,最後顯示發生錯誤,主管這週要用這些數字排班,現在只能從匯出檔自己計算。另外,安卓 App 打開聊天就自己關掉,外勤同事都是用手機回覆客人,現在只能回辦公室借電腦用。附件上傳也常常失敗,進度條跑到百分之百就跳錯誤,客人一直跟我們要發票和合約,我們卻寄不出去。我們知道這些問題可能有不同的原因,但同時發生讓整個客服部門壓力很大,主管希望能有一位技術人員跟我們開會說明進度。如果需要我們提供瀏覽器的紀錄檔、截圖或是帳號資訊,請告訴我們要怎麼匯出,我們會盡快提供。感謝。"
            + "第三天:情況比較穩定了,收件匣的速度恢復正常,群發也重新開始發送,謝謝你們的處理。不過還有幾個小地方想回報:第一,月報表 PDF 的標題月份寫錯了,內容其實是上個月的資料,數字本身沒錯;第二,深色模式下輸入框的提示文字太淡,有些螢幕幾乎看不到;第三,合併重複的聯絡人之後,有時候兩筆都還在清單裡,我們再手動刪掉多的那筆;第四,未讀數字偶爾不準,清單本身是對的。這些都不急,不影響工作,有空再處理就好。另外我們想了解,報表裡的「首次回應時間」是怎麼計算的,有沒有相關的說明文章?下個月還有五位新人報到,是否可以安排一次教育訓練?最後再次感謝整個支援團隊這幾天的協助,我們也會在內部檢討流程,看看下次遇到類似狀況時,可以怎麼更快通知你們,以及有哪些替代方案可以先頂著。"
            + "附註:如果之後系統又出現當機或資料遺失的情況,請問我們應該用哪一個管道聯絡你們最快?電話、email 還是說明工具裡的支援票證?";

    static final String MIXED = "Hi team,我們的 inbox 從早上 9 點開始 very slow,有些 agent 完全打不開,只看到 blank page"
            + " 或 502 Bad Gateway。It is not a full outage,手機 App 還可以用,we can work around it for now,但 response"
            + " times 明顯變長,customers 一直抱怨。兩位同事 reset password 之後就 cannot log in,其他人 OK。Chatbot"
            + " stopped replying 從昨天開始,排程的 broadcast 也沒有送出。Sidebar 的 tag counter 數字不對,export CSV"
            + " 偶爾跳 error,這是 minor issue。目前沒有資料遺失,no data loss,所以應該不用 restore from backup。請問"
            + " how do I check 問題是不是在我們這邊?有沒有 status page 的 documentation,或給新 agents 的 training"
            + " videos?只有一位同事說 assign 的 drop-down 當掉兩次,reports 頁面每次都 timeout。Please let us know"
            + " 群發有沒有 workaround,明天有 campaign 要發,整個 team 都靠它。If it gets worse 而且所有使用者都無法登入,"
            + "整個公司的 business 就會停擺,所以請 treat this as urgent。Export error 不影響使用,the rest of the platform"
            + " works,performance 問題是從週一 release 之後開始的。Search 有時候 returns no results,agents 只能手動翻,"
            + "非常影響效率。Webhook events 延遲兩三個小時,our CRM is out of date,業務運作受到限制。Dark mode 下 settings"
            + " 頁面有些文字看不清楚,no rush。另外想請問 invoice 抬頭可以修改嗎?Thanks!補充:今天下午 2 點左右,每個 page"
            + " 都顯示 500 error,大約 10 分鐘後恢復,we are not sure 是不是同一個問題,也想知道有沒有 incident report"
            + " 可以給我們主管。Some customers 反映 messages 重複顯示兩次,customer 那邊只收到一次,應該只是 display"
            + " issue。最後,how do we set up auto-assign,以及 Pro plan 週末是否有 support,response time 大概多久?"
            + "再次感謝,Maria(support lead)。P.S. 我們的 API integration 也偶爾 times out,但 retry 之後就 OK 了。"
            + " Follow-up:下午 2 點左右 every page 又出現 500 error,大約十分鐘後恢復,但 inbox 還是很卡,search by phone number 一直查不到。主管因為 routing rules not firing,整天都在 manually 分配對話。幾位 customers 說 messages 顯示兩次,但他們只傳一次,應該只是 display issue,資料沒有 corrupted。Shopify integration 兩天前 stopped syncing,agents 要一直切換 tabs 查 order status,整組效率掉很多。修好之後 we would love a short call to walk us through 新的 routing settings,也希望能提供 incident report。最後,能不能開一張有統編的 invoice?No rush。部分同事說 Safari 上 settings 頁面會跑版,換 Chrome 就 OK,minor issue。"
            + "Day 2 update:今天早上 10 點以後 inbox 又 slow down,開一個 conversation 要等 20 seconds 以上。Marketing 的 campaigns 全部 stuck in queued,one-to-one chat 正常,我們只能 copy-paste 給 customers。Auto-reply rules 下班後也 not firing,客人晚上完全收不到回覆。Analytics 一直 spinning 然後 something went wrong,主管排班要用。Android app 打開 chat 就 crashes,外勤同事只能借 laptop。Attachments upload 常常 fails at 100%,客人要的 invoice 寄不出去。";

    private final Suggester suggester = Suggester.standard();
    private String[] english;
    private String[] chinese;
    private String[] mixed;
    private int next;

    static String[] windows(String text) {
        if (text.length() < LENGTH + WINDOWS) {
            throw new IllegalStateException("text of " + text.length() + " characters is too short");
        }
        String[] windows = new String[WINDOWS];
        int step = (text.length() - LENGTH) / WINDOWS;
        for (int i = 0; i < WINDOWS; i++) {
            windows[i] = text.substring(i * step, i * step + LENGTH);
        }
        return windows;
    }

    @Setup
    public void setUp() {
        english = windows(ENGLISH);
        chinese = windows(CHINESE);
        mixed = windows(MIXED);
        // what is measured must be a real suggestion, with reasons
        for (String[] texts : new String[][] {english, chinese, mixed}) {
            for (String text : texts) {
                Suggestion s = suggester.suggest("Inbox slow, some agents cannot log in", text);
                if (s.reasons().isEmpty() || s.severity() == Level.P4) {
                    throw new IllegalStateException("the benchmark text suggests nothing: " + s);
                }
            }
        }
    }

    private int nextWindow() {
        int i = next;
        next = (next + 1) & (WINDOWS - 1);
        return i;
    }

    @Benchmark
    public Suggestion english2000() {
        return suggester.suggest("Inbox slow, some agents cannot log in", english[nextWindow()]);
    }

    @Benchmark
    public Suggestion chinese2000() {
        return suggester.suggest("收件匣很慢,部分同事無法登入", chinese[nextWindow()]);
    }

    @Benchmark
    public Suggestion mixed2000() {
        return suggester.suggest("Inbox 很慢, some agents 無法登入", mixed[nextWindow()]);
    }
}

package io.sladesk.triage;

/**
 * The character folding both the rules' phrases and the tickets' texts go through before they are
 * compared, one character for one character (so that a match found in the folded text is a span of
 * the original text, and the reason can quote the customer's own words).
 *
 * <ul>
 *   <li>full-width ASCII forms ({@code ＡＢＣ！？}) become their half-width forms, and the ideographic
 *       space a space;
 *   <li>Chinese punctuation becomes the ASCII punctuation it plays the part of ({@code 。} a full stop,
 *       {@code 、} and {@code ，} commas, {@code 「」} quotes), and typographic quotes, dashes and the
 *       ellipsis become plain ones, so that {@code can’t} is {@code can't};
 *   <li>letters become lower case ({@link Character#toLowerCase(char)}, one character for one);
 *   <li>a few Simplified and variant characters that customers type in Traditional Chinese text
 *       become the Traditional character the rules use ({@code 无→無}, {@code 机→機}, {@code 么→麼},
 *       {@code 裏→裡}, {@code 賬→帳} …).
 * </ul>
 *
 * <p>Every character is also given a class: part of a Latin word (letters and digits outside the CJK
 * scripts, for word boundaries), CJK (Han, kana, Hangul: no spaces between words), white space, line
 * break, clause punctuation (where a negation stops reaching), or other.
 */
final class Fold {

    static final byte OTHER = 0;
    static final byte WORD = 1;
    static final byte CJK = 2;
    static final byte SPACE = 3;
    static final byte NEWLINE = 4;
    static final byte CLAUSE = 5;

    private static final char[] FOLD = new char[Character.MAX_VALUE + 1];
    private static final byte[] CLASS = new byte[Character.MAX_VALUE + 1];

    /** Simplified or variant character, then the Traditional character the rules are written in. */
    private static final String VARIANTS = "无無机機当當资資损損坏壞遗遺备備还還复復务務统統线線綫線录錄网網页頁载載应應断斷错錯误誤显顯问問"
            + "题題请請么麼样樣发發讯訊户戶帐帳賬帳号號为為爲為乱亂码碼闪閃顿頓变變数數据據库庫档檔说說学學训訓"
            + "练練时時暂暫办辦没沒个個让讓这這种種关關开開态態仅僅后後里裡裏裡着著启啟啓啟删刪处處级級紧緊连連"
            + "丢丟见見动動体體验驗执執实實现現运運营營业業迟遲缓緩图圖传傳报報单單击擊点點钮鈕设設账帳汇匯导導"
            + "滞滯溃潰钟鐘响響觉覺转轉进進";

    static {
        for (int i = 0; i <= Character.MAX_VALUE; i++) {
            char c = (char) i;
            char f = c;
            if (c >= '\uFF01' && c <= '\uFF5E') {
                f = (char) (c - 0xFEE0);
            } else if (c == '\u3000' || c == '\u00A0' || c == '\u2007' || c == '\u202F') {
                f = ' ';
            }
            f = Character.toLowerCase(f);
            FOLD[i] = f;
        }
        fold("\u3002\uFF61", '.'); // 。｡
        fold("\u3001\uFF64\uFE50\uFE51", ','); // 、､﹐﹑
        fold("\uFE52", '.');
        fold("\uFE54", ';');
        fold("\uFE55", ':');
        fold("\uFE56", '?');
        fold("\uFE57", '!');
        fold("\u300C\u300D\u300E\u300F\u201C\u201D\u201E\u301D\u301E", '"'); // 「」『』“”„〝〞
        fold("\u2018\u2019\u201A\u201B\u2032", '\''); // ‘’‚‛′
        fold("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63", '-');
        fold("\u2026", '.'); // …
        fold("\u301C", '~'); // 〜
        for (int i = 0; i + 1 < VARIANTS.length(); i += 2) {
            FOLD[VARIANTS.charAt(i)] = VARIANTS.charAt(i + 1);
        }

        for (int i = 0; i <= Character.MAX_VALUE; i++) {
            CLASS[i] = classOf(FOLD[i]);
        }
    }

    private Fold() {}

    private static void fold(String from, char to) {
        for (int i = 0; i < from.length(); i++) {
            FOLD[from.charAt(i)] = to;
        }
    }

    private static byte classOf(char c) {
        if (c == '\n'
                || c == '\r'
                || c == '\u0085'
                || c == '\u2028'
                || c == '\u2029'
                || c == '\u000B'
                || c == '\u000C') {
            return NEWLINE;
        }
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return SPACE;
        }
        if (".,;:!?".indexOf(c) >= 0) {
            return CLAUSE;
        }
        if (Character.isSurrogate(c)) {
            return OTHER;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        if (script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL
                || script == Character.UnicodeScript.BOPOMOFO) {
            return CJK;
        }
        if (Character.isLetterOrDigit(c)) {
            return WORD;
        }
        return OTHER;
    }

    /** The folded form of one character. */
    static char fold(char c) {
        return FOLD[c];
    }

    /** The class of a character, after folding it. */
    static byte classOf(int c) {
        return CLASS[c];
    }

    /** The text folded character by character: the same length, each character {@link #fold}ed. */
    static String fold(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = FOLD[chars[i]];
        }
        return new String(chars);
    }
}

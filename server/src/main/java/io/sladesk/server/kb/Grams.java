package io.sladesk.server.kb;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The search terms of a text that the database's English full-text search cannot read.
 * Chinese (and Japanese, Korean) is written without spaces, and pg_trgm ignores characters
 * the server's locale does not call letters, so the server cuts such runs into characters
 * and overlapping pairs of characters: "無法登入收件匣" holds "登入", and a query of "營業日"
 * is found by both of its pairs, "營業" and "業日". Stored per article in a GIN-indexed array.
 */
final class Grams {
    private Grams() {}

    static String normalise(String text) {
        return Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT);
    }

    static boolean cjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN
                || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA
                || s == Character.UnicodeScript.HANGUL
                || s == Character.UnicodeScript.BOPOMOFO;
    }

    /** The runs of CJK characters in a text, in order. */
    static List<String> runs(String text) {
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        normalise(text).codePoints().forEach(cp -> {
            if (cjk(cp)) {
                run.appendCodePoint(cp);
            } else if (!run.isEmpty()) {
                runs.add(run.toString());
                run.setLength(0);
            }
        });
        if (!run.isEmpty()) runs.add(run.toString());
        return runs;
    }

    /** What an article is indexed by: every character and every pair of neighbouring characters of its runs. */
    static String[] index(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String run : runs(text)) {
            int[] cps = run.codePoints().toArray();
            for (int i = 0; i < cps.length; i++) {
                out.add(new String(cps, i, 1));
                if (i + 1 < cps.length) out.add(new String(cps, i, 2));
            }
        }
        return out.toArray(String[]::new);
    }

    /** What a query looks for: the pairs of each run, or the character of a one-character run. */
    static String[] query(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String run : runs(text)) {
            int[] cps = run.codePoints().toArray();
            if (cps.length == 1) out.add(run);
            for (int i = 0; i + 1 < cps.length; i++) out.add(new String(cps, i, 2));
        }
        return out.toArray(String[]::new);
    }

    /** The English (Latin-script or digit) words of a text, lower-case, in order, each once. */
    static List<String> words(String text) {
        Set<String> out = new LinkedHashSet<>();
        StringBuilder w = new StringBuilder();
        String n = normalise(text);
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                w.append(c);
            } else {
                if (w.length() >= 2 && w.length() <= 40) out.add(w.toString());
                w.setLength(0);
            }
        }
        if (w.length() >= 2 && w.length() <= 40) out.add(w.toString());
        return new ArrayList<>(out);
    }
}

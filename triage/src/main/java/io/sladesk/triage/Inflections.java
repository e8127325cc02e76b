package io.sladesk.triage;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The regular English inflections of a word marked {@code *} in the rules: {@code crash*} is also
 * {@code crashes}, {@code crashed} and {@code crashing}; {@code stop*} also {@code stops}, {@code
 * stopped}, {@code stopping} (and the common misspellings {@code stoped}, {@code stoping}); {@code
 * freeze*} also {@code freezes}, {@code freezed}, {@code freezing}; {@code retry*} also {@code retries},
 * {@code retried}, {@code retrying}. Irregular forms ({@code froze}, {@code went down}) are written out
 * in the rules.
 */
final class Inflections {

    private Inflections() {}

    static Set<String> of(String word) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(word);
        int n = word.length();
        if (n < 2) {
            return forms;
        }
        char last = word.charAt(n - 1);
        char before = word.charAt(n - 2);
        if (last == 'e') {
            String stem = word.substring(0, n - 1);
            forms.add(word + "s");
            forms.add(word + "d");
            forms.add(before == 'e' ? word + "ing" : stem + "ing");
            return forms;
        }
        if (last == 'y' && !isVowel(before)) {
            String stem = word.substring(0, n - 1);
            forms.add(stem + "ies");
            forms.add(stem + "ied");
            forms.add(word + "ing");
            return forms;
        }
        boolean sibilant = last == 's' || last == 'x' || last == 'z' || word.endsWith("ch") || word.endsWith("sh");
        forms.add(sibilant ? word + "es" : word + "s");
        forms.add(word + "ed");
        forms.add(word + "ing");
        if (doublesItsLastConsonant(word)) {
            forms.add(word + last + "ed");
            forms.add(word + last + "ing");
        }
        return forms;
    }

    /** One-syllable words ending consonant, vowel, consonant: stop → stopped, log → logging. */
    private static boolean doublesItsLastConsonant(String word) {
        int n = word.length();
        if (n < 3) {
            return false;
        }
        char c3 = word.charAt(n - 1);
        char v = word.charAt(n - 2);
        char c1 = word.charAt(n - 3);
        if (isVowel(c3) || c3 == 'w' || c3 == 'x' || c3 == 'y' || !isVowel(v) || isVowel(c1)) {
            return false;
        }
        int vowelGroups = 0;
        boolean inVowel = false;
        for (int i = 0; i < n; i++) {
            boolean vowel = isVowel(word.charAt(i));
            if (vowel && !inVowel) {
                vowelGroups++;
            }
            inVowel = vowel;
        }
        return vowelGroups == 1;
    }

    private static boolean isVowel(char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    }
}

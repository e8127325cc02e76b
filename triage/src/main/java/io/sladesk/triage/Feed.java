package io.sladesk.triage;

/**
 * A ticket's text as the matcher reads it: subject, a line break, then description, each character
 * {@link Fold folded}, with white space made uniform.
 *
 * <ul>
 *   <li>a run of spaces and tabs is read as one space, so that {@code can't  log in} matches {@code
 *       can't log in};
 *   <li>spaces between two CJK characters are dropped, so that {@code 無法 使用} matches {@code 無法使用}
 *       (Chinese has no spaces between words; one typed there separates nothing);
 *   <li>a line break stays a line break: no phrase spans one, so no phrase runs from the subject into
 *       the description.
 * </ul>
 *
 * <p>{@link #origin} maps each character read back to its index in {@link #text}, so that a match is
 * quoted as the customer wrote it.
 */
final class Feed {

    /** The original text: {@code subject + "\n" + description}. */
    final String text;

    /** The characters read, folded. */
    final char[] chars;

    /** For each character read, its index in {@link #text}. */
    final int[] origin;

    /** How many characters were read. */
    final int length;

    private Feed(String text, char[] chars, int[] origin, int length) {
        this.text = text;
        this.chars = chars;
        this.origin = origin;
        this.length = length;
    }

    static Feed of(String subject, String description) {
        String text = (subject == null ? "" : subject) + "\n" + (description == null ? "" : description);
        return of(text);
    }

    static Feed of(String text) {
        int n = text.length();
        char[] chars = new char[n];
        int[] origin = new int[n];
        int length = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            byte cls = Fold.classOf(c);
            if (cls == Fold.SPACE) {
                int j = i + 1;
                while (j < n && Fold.classOf(text.charAt(j)) == Fold.SPACE) {
                    j++;
                }
                boolean betweenCjk = length > 0
                        && Fold.classOf(chars[length - 1]) == Fold.CJK
                        && j < n
                        && Fold.classOf(text.charAt(j)) == Fold.CJK;
                if (!betweenCjk && length > 0 && chars[length - 1] != ' ' && chars[length - 1] != '\n') {
                    chars[length] = ' ';
                    origin[length] = i;
                    length++;
                }
                i = j - 1;
            } else if (cls == Fold.NEWLINE) {
                if (length > 0 && chars[length - 1] == ' ') {
                    length--; // a space before a line break separates nothing more than the break
                }
                chars[length] = '\n';
                origin[length] = i;
                length++;
            } else {
                chars[length] = Fold.fold(c);
                origin[length] = i;
                length++;
            }
        }
        return new Feed(text, chars, origin, length);
    }

    /** The original text of the characters read from {@code start} to {@code end}, both included. */
    String quote(int start, int end) {
        return text.substring(origin[start], origin[end] + 1);
    }

    /** Whether the character read at {@code i} is part of a Latin word; false outside the text. */
    boolean isWord(int i) {
        return i >= 0 && i < length && Fold.classOf(chars[i]) == Fold.WORD;
    }
}

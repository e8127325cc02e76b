package io.sladesk.server.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What a password must be, for every account the desk creates (the first admin's too): 12
 * to 1,024 characters of any kind, not one character repeated, and not on the list of
 * common passwords shipped in {@code passwords/common.txt} (compared without regard to
 * case or Unicode form). Length is counted in characters (code points), not bytes.
 */
@Component
class PasswordPolicy {
    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 1_024;
    private static final String COMMON = "passwords/common.txt";

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load();
    }

    /** Why this password may not be used (a phrase to follow "password "), or null when it may. */
    String problem(String password) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return "must be at least " + MIN_LENGTH + " characters long (this one has " + length + ")";
        }
        if (length > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters long (this one has " + length + ")";
        }
        if (password.codePoints().distinct().count() == 1) {
            return "is one character repeated; choose one that is harder to guess";
        }
        if (common.contains(normalized(password))) {
            return "is one of the most common passwords; choose one that is harder to guess";
        }
        return null;
    }

    private static String normalized(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static Set<String> load() {
        Set<String> set = new HashSet<>(64_000);
        try (InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(COMMON)) {
            if (in == null) throw new IllegalStateException(COMMON + " is missing from the class path");
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = lines.readLine()) != null; ) {
                if (!line.isEmpty()) set.add(normalized(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + COMMON, e);
        }
        return Set.copyOf(set);
    }
}

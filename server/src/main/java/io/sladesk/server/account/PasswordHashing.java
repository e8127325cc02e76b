package io.sladesk.server.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.AbstractValidatingPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How passwords are hashed. New hashes are {@code {sha256-bcrypt}}: bcrypt over
 * base64(SHA-256(NFKC(password))), so every byte of a password up to the policy's 1,024
 * characters counts (bcrypt alone reads 72 bytes and Spring Security refuses longer input)
 * and the same password typed in another Unicode form still matches. Hashes written before
 * ({@code {bcrypt}}, bcrypt over the password itself) still verify, and {@link Accounts}
 * re-hashes them on the next successful sign-in. No other id is accepted: a stored
 * {@code {noop}} value signs nobody in.
 */
final class PasswordHashing {
    static final String CURRENT = "sha256-bcrypt";
    static final String LEGACY = "bcrypt";

    private PasswordHashing() {}

    static PasswordEncoder encoder() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        return new DelegatingPasswordEncoder(
                CURRENT, Map.of(CURRENT, new Sha256Bcrypt(bcrypt), LEGACY, new LegacyBcrypt(bcrypt)));
    }

    /** bcrypt over a 44-character digest of the password: no length limit, no NUL bytes. */
    static final class Sha256Bcrypt extends AbstractValidatingPasswordEncoder {
        private final BCryptPasswordEncoder bcrypt;

        Sha256Bcrypt(BCryptPasswordEncoder bcrypt) {
            this.bcrypt = bcrypt;
        }

        static String prehash(String raw) {
            String normalized = Normalizer.normalize(raw, Normalizer.Form.NFKC);
            try {
                byte[] digest =
                        MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        @Override
        protected String encodeNonNullPassword(String raw) {
            return bcrypt.encode(prehash(raw));
        }

        @Override
        protected boolean matchesNonNull(String raw, String encoded) {
            return bcrypt.matches(prehash(raw), encoded);
        }

        @Override
        protected boolean upgradeEncodingNonNull(String encoded) {
            return bcrypt.upgradeEncoding(encoded);
        }
    }

    /**
     * The hashes of before: bcrypt over the password's bytes, which could only be written for
     * passwords of at most 72 bytes. bcrypt compares only the first 72 bytes, so a longer
     * candidate is refused outright rather than matched on its beginning.
     */
    static final class LegacyBcrypt extends AbstractValidatingPasswordEncoder {
        private static final int BCRYPT_MAX_BYTES = 72;
        private final BCryptPasswordEncoder bcrypt;

        LegacyBcrypt(BCryptPasswordEncoder bcrypt) {
            this.bcrypt = bcrypt;
        }

        @Override
        protected String encodeNonNullPassword(String raw) {
            throw new UnsupportedOperationException("new hashes are " + CURRENT);
        }

        @Override
        protected boolean matchesNonNull(String raw, String encoded) {
            if (raw.getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) return false;
            return bcrypt.matches(raw, encoded);
        }
    }
}

package io.sladesk.server.account;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Widget secrets at rest. With {@code SLADESK_WIDGET_SECRET_KEY} (32 random bytes, base64)
 * a secret is stored sealed with AES-256-GCM, bound to its organization's id (a sealed
 * value copied to another organization's row does not open); without it, as it is. A
 * stored value says which it is, so a key added later leaves the older plain rows readable
 * and seals the next ones.
 */
@Component
class SecretSealing {
    static final String SEALED = "aes256gcm:";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretSealing(@Value("${sladesk.widget.secret-key:}") String key) {
        this.key = key == null || key.isBlank() ? null : new SecretKeySpec(decode(key.strip()), "AES");
    }

    private static byte[] decode(String key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SLADESK_WIDGET_SECRET_KEY must be base64 (openssl rand -base64 32)", e);
        }
        if (bytes.length != 32)
            throw new IllegalStateException(
                    "SLADESK_WIDGET_SECRET_KEY must be 32 bytes (openssl rand -base64 32), not " + bytes.length);
        return bytes;
    }

    boolean sealing() {
        return key != null;
    }

    /** The value to store for this organization's secret. */
    String seal(UUID organizationId, String secret) {
        if (key == null) return secret;
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(organizationId.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return SEALED
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(NONCE + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JRE", e);
        }
    }

    /** The secret a stored value holds; a sealed one needs the key it was sealed with. */
    String open(UUID organizationId, String stored) {
        if (!stored.startsWith(SEALED)) return stored;
        if (key == null)
            throw new IllegalStateException(
                    "Widget secrets are stored sealed but SLADESK_WIDGET_SECRET_KEY is not set");
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(SEALED.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
            c.updateAAD(organizationId.toString().getBytes(StandardCharsets.US_ASCII));
            return new String(c.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "A widget secret of organization " + organizationId
                            + " does not open with SLADESK_WIDGET_SECRET_KEY (another key, or a changed row)",
                    e);
        }
    }
}

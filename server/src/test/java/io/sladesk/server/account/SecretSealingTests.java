package io.sladesk.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Widget secrets at rest: sealed with the desk's key when it has one, bound to their organization. */
class SecretSealingTests {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY =
            Base64.getEncoder().encodeToString("k".repeat(32).getBytes());

    @Test
    void aSealedSecretOpensOnlyWithItsKeyAndForItsOrganization() {
        SecretSealing sealing = new SecretSealing(KEY);
        UUID org = UUID.randomUUID();
        String sealed = sealing.seal(org, "sdw_secret");
        assertThat(sealed).startsWith(SecretSealing.SEALED).doesNotContain("sdw_secret");
        assertThat(sealing.seal(org, "sdw_secret"))
                .as("a fresh nonce each time")
                .isNotEqualTo(sealed);
        assertThat(sealing.open(org, sealed)).isEqualTo("sdw_secret");
        assertThatThrownBy(() -> sealing.open(UUID.randomUUID(), sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not open");
        assertThatThrownBy(() -> new SecretSealing(OTHER_KEY).open(org, sealed))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretSealing("").open(org, sealed))
                .hasMessageContaining("SLADESK_WIDGET_SECRET_KEY is not set");
        // a plain row stored before the key was set still reads
        assertThat(sealing.open(org, "sdw_older")).isEqualTo("sdw_older");
    }

    @Test
    void withoutAKeySecretsAreStoredAsTheyAre() {
        SecretSealing plain = new SecretSealing("");
        assertThat(plain.sealing()).isFalse();
        assertThat(plain.seal(UUID.randomUUID(), "sdw_x")).isEqualTo("sdw_x");
    }

    @Test
    void aKeyThatIsNotThirtyTwoBase64BytesStopsTheStart() {
        assertThatThrownBy(() -> new SecretSealing("c2hvcnQ="))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SecretSealing("not base64 !"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("base64");
    }
}

package io.sladesk.server.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses and URLs a webhook may post to; no network, no Spring. */
class WebhookTargetsTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.255.0.9",
                "0.0.0.0",
                "0.1.2.3",
                "10.0.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "100.64.0.1",
                "100.127.255.255",
                "169.254.169.254",
                "224.0.0.1",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255",
                "::",
                "::1",
                "fe80::1",
                "fc00::1",
                "fd12:3456::1",
                "ff02::1",
                "fec0::1",
                "::ffff:127.0.0.1",
                "::ffff:10.1.2.3",
                "::ffff:169.254.169.254",
                "::127.0.0.1",
                "::10.0.0.1",
                "64:ff9b::a9fe:a9fe",
                "64:ff9b::7f00:1"
            })
    void insideAddressesAreInternal(String address) {
        assertThat(WebhookTargets.internal(ip(address))).as(address).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.215.14",
                "8.8.8.8",
                "1.1.1.1",
                "100.63.255.255",
                "100.128.0.1",
                "172.15.255.255",
                "172.32.0.1",
                "192.167.1.1",
                "169.253.0.1",
                "223.255.255.255",
                "2606:4700:4700::1111",
                "2001:4860:4860::8888",
                "::ffff:8.8.8.8",
                "64:ff9b::808:808"
            })
    void internetAddressesAreNot(String address) {
        assertThat(WebhookTargets.internal(ip(address))).as(address).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://example.com/hook",
                "mailto:ops@example.com",
                "/relative/hook",
                "http:///no-host",
                "http://user:pass@example.com/hook",
                "http://user@example.com/hook",
                "http://2130706433/",
                "http://0177.0.0.1/",
                "http://0x7f000001/",
                "http://017700000001/",
                "http://127.1/",
                "http://0x7f.0.0.1/",
                "http://192.168.010.1/",
                "http://host.123/",
                "http://example.com:99999/",
                "http://exa mple.com/"
            })
    void urlsOfTheWrongShapeAreRefused(String url) {
        assertThatThrownBy(() -> WebhookTargets.parse(url)).as(url).isInstanceOf(WebhookTargets.Refused.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://hooks.example.com/sladesk", "HTTP://Example.COM:8443/x?y=1", "http://93.184.215.14/hook",
                "http://[2606:4700:4700::1111]/hook", "https://example.com./hook", "http://a1.example/hook"
            })
    void urlsOfTheRightShapeAreParsed(String url) {
        assertThatCode(() -> WebhookTargets.parse(url)).as(url).doesNotThrowAnyException();
    }

    /** A DNS the test controls: each name answers what the map says now. */
    private final Map<String, String> dns = new ConcurrentHashMap<>();

    private InetAddress[] resolve(String host) throws UnknownHostException {
        String answer = dns.get(host);
        if (answer == null) throw new UnknownHostException(host);
        return new InetAddress[] {ip(answer)};
    }

    @Test
    void aNameThatLaterResolvesInsideIsRefusedAtSendTime() throws Exception {
        WebhookTargets targets = new WebhookTargets(false, this::resolve);
        dns.put("hooks.example.com", "93.184.215.14");
        targets.checkForRegistration("https://hooks.example.com/in");
        assertThat(targets.checkForDelivery("https://hooks.example.com/in").getHost())
                .isEqualTo("hooks.example.com");

        dns.put("hooks.example.com", "169.254.169.254"); // the name is rebound to the metadata service
        assertThatThrownBy(() -> targets.checkForDelivery("https://hooks.example.com/in"))
                .isInstanceOf(WebhookTargets.Refused.class)
                .hasMessageContaining("169.254.169.254 is a link-local address")
                .hasMessageContaining("SLADESK_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true");
        assertThatThrownBy(() -> targets.checkForRegistration("https://hooks.example.com/in"))
                .isInstanceOf(WebhookTargets.Refused.class);
    }

    @Test
    void anyInsideAddressAmongSeveralRefusesTheName() {
        WebhookTargets targets =
                new WebhookTargets(false, host -> new InetAddress[] {ip("93.184.215.14"), ip("10.0.0.5")});
        assertThatThrownBy(() -> targets.checkForDelivery("http://mixed.example.com/"))
                .hasMessageContaining("10.0.0.5 is a private address");
    }

    @Test
    void aNameThatDoesNotResolveIsLetThroughAtRegistrationButNotSent() throws Exception {
        WebhookTargets targets = new WebhookTargets(false, this::resolve);
        targets.checkForRegistration("https://not-yet.example.com/hook");
        assertThatThrownBy(() -> targets.checkForDelivery("https://not-yet.example.com/hook"))
                .hasMessageContaining("does not resolve");
    }

    @Test
    void allowingPrivateNetworksLetsInsideAddressesThroughButNotBadUrls() throws Exception {
        WebhookTargets targets = new WebhookTargets(true, this::resolve);
        dns.put("intranet.local", "10.1.2.3");
        targets.checkForRegistration("http://intranet.local/hook");
        targets.checkForDelivery("http://intranet.local/hook");
        targets.checkForRegistration("http://127.0.0.1:8080/hook");
        assertThatThrownBy(() -> targets.checkForRegistration("http://user:pass@intranet.local/hook"))
                .hasMessageContaining("credentials");
        assertThatThrownBy(() -> targets.checkForRegistration("http://2130706433/"))
                .hasMessageContaining("numeric host");
    }
}

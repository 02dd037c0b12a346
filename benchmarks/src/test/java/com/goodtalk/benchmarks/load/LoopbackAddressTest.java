package com.goodtalk.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", " 127.0.0.1 ", "::1", "[::1]", "0:0:0:0:0:0:0:1",
        "::ffff:127.0.0.1"})
    void loopbackLiteralAccepted(String host) {
        assertThat(LoopbackAddress.require(host).isLoopbackAddress()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "192.0.2.10", "10.0.0.1", "169.254.169.254", "::", "2001:db8::1",
        "::ffff:192.0.2.10", "fe80::1"})
    void otherAddressRejected(String host) {
        assertThatThrownBy(() -> LoopbackAddress.require(host))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + host + "\"")
                .hasMessageContaining("not a loopback address")
                .hasMessageContaining("127.0.0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "127.0.0.1.example.com", "evil.example:80", "", "127.0.0"})
    void hostNameRejectedWithoutLookup(String host) {
        assertThatThrownBy(() -> LoopbackAddress.require(host))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + host + "\"")
                .hasMessageContaining("not an IP address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"999.0.0.1", "127.0.0.256"})
    void octetAbove255Rejected(String host) {
        assertThatThrownBy(() -> LoopbackAddress.require(host))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + host + "\"")
                .hasMessageContaining("above 255");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1:2:3", ":::1", "::1::2"})
    void malformedIpv6Rejected(String host) {
        assertThatThrownBy(() -> LoopbackAddress.require(host))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + host + "\"")
                .hasMessageContaining("not a valid IP address");
    }
}

package com.goodtalk.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the rate limit counts for each kind of client address. */
class ClientAddressTest {

    @ParameterizedTest
    @CsvSource({
        "203.0.113.7, 203.0.113.7",
        "2001:db8:1:2:aaaa:bbbb:cccc:dddd, 2001:db8:1:2:0:0:0:0/64",
        "2001:db8:1:2::1, 2001:db8:1:2:0:0:0:0/64",
        "2001:db8:1:3::1, 2001:db8:1:3:0:0:0:0/64",
        "::1, 0:0:0:0:0:0:0:0/64",
        "unknown, unknown",
        "proxy.example, proxy.example",
        "203.0.113.7:51000, 203.0.113.7:51000"})
    void countedGroupsIpv6ByNetwork(String address, String counted) {
        assertThat(ClientAddress.counted(address)).isEqualTo(counted);
    }

    @ParameterizedTest
    @CsvSource({"2001:db8:1:2::1, 2001:db8:1:2:ffff::9", "2001:db8:1:2::1, 2001:db8:1:2:1:2:3:4"})
    void addressesOfOneNetworkShareACount(String first, String second) {
        assertThat(ClientAddress.counted(first)).isEqualTo(ClientAddress.counted(second));
    }
}

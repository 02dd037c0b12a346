package com.goodtalk.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.security.Permission;
import java.util.ArrayList;
import java.util.List;
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
        "203.0.113.7:51000, 203.0.113.7",
        "[2001:db8:1:2::1], 2001:db8:1:2:0:0:0:0/64",
        "[2001:db8:1:2::1]:443, 2001:db8:1:2:0:0:0:0/64",
        "fe80::1%eth0, fe80:0:0:0:0:0:0:0/64",
        "::ffff:203.0.113.7, 203.0.113.7"})
    void countedGroupsIpv6ByNetwork(String address, String counted) {
        assertThat(ClientAddress.counted(address)).isEqualTo(counted);
    }

    @ParameterizedTest
    @CsvSource({"2001:db8:1:2::1, 2001:db8:1:2:ffff::9", "2001:db8:1:2::1, 2001:db8:1:2:1:2:3:4"})
    void addressesOfOneNetworkShareACount(String first, String second) {
        assertThat(ClientAddress.counted(first)).isEqualTo(ClientAddress.counted(second));
    }

    @ParameterizedTest
    @CsvSource({"[2001:db8:1:2::1]:443, [2001:db8:1:2::9]:51000", "203.0.113.7:443, 203.0.113.7:51000",
        "fe80::1%eth0, fe80::1%eth1"})
    void portsAndZonesShareACount(String first, String second) {
        assertThat(ClientAddress.counted(first)).isEqualTo(ClientAddress.counted(second));
    }

    /**
     * Checks that a header value which InetAddress would send to the resolver, such as one starting
     * with '.', is counted as text. InetAddress reports each name lookup to the security manager as
     * checkConnect(host, -1).
     */
    @ParameterizedTest
    @CsvSource({"'.:'", "'.:1'", "'..:'", "'[.:]'", "'[.:]:443'", "'.:%eth0'"})
    @SuppressWarnings("removal")
    void neverLooksUpAName(String text) {
        List<String> lookedUp = new ArrayList<>();
        SecurityManager before = System.getSecurityManager();
        SecurityManager recorder = new SecurityManager() {
            @Override
            public void checkConnect(String host, int port) {
                if (port == -1) {
                    lookedUp.add(host);
                }
            }

            @Override
            public void checkPermission(Permission permission) {
                // Everything else is allowed, because the test only records lookups.
            }
        };
        try {
            System.setSecurityManager(recorder);
        } catch (UnsupportedOperationException e) {
            // JDK 18 and later refuse a security manager unless started with -Djava.security.manager=allow,
            // and JDK 24 removed it, so there this test cannot watch for lookups.
            abort("This JDK does not allow a security manager, so name lookups cannot be recorded: " + e.getMessage());
        }
        try {
            ClientAddress.counted(text);
        } finally {
            System.setSecurityManager(before);
        }

        assertThat(lookedUp).as("names looked up for %s", text).isEmpty();
    }
}

package com.goodtalk.desktop.license;

import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.license.CertificateClaims;
import com.goodtalk.protocol.license.LicenseCertificates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Issues certificates with a key generated for the tests, and pins that key. */
final class TestCertificates {

    static final String PRODUCT_ID = "goodtalk-demo";
    static final String MACHINE = "mf1:this-machine";
    static final String OTHER_MACHINE = "mf1:other-machine";
    static final Instant ISSUED = Instant.parse("2026-03-01T12:00:00Z");
    static final Duration REVALIDATE_WITHIN = Duration.ofDays(7);
    static final Instant EXPIRES = Instant.parse("2027-03-01T12:00:00Z");

    static final ServerSigningKey SERVER_KEY = ServerSigningKey.generate();
    static final JsonWebKeySet PINNED = JsonWebKeySet.of(SERVER_KEY.publicKey());

    private TestCertificates() {
    }

    static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** Returns a certificate for {@link #MACHINE} issued at {@link #ISSUED} that expires at {@link #EXPIRES}. */
    static String issue() {
        return issue(SERVER_KEY, MACHINE, EXPIRES, ISSUED);
    }

    static String issue(ServerSigningKey key, String machine, Instant expires, Instant issuedAt) {
        return LicenseCertificates.issue(key, new CertificateClaims("17", "GT7Q2M-****", "goodtalk-desktop", "pro",
                List.of("export"), machine, expires, REVALIDATE_WITHIN), at(issuedAt));
    }
}

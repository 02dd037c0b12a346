package com.goodtalk.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.protocol.license.CertificateClaims;
import com.goodtalk.protocol.license.LicenseCertificate;
import com.goodtalk.protocol.license.LicenseCertificates;
import com.goodtalk.protocol.machine.MachineFingerprint;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2RequestSigner;
import com.goodtalk.protocol.v2.V2Status;
import com.goodtalk.server.StartupKeys;
import com.goodtalk.server.keys.SigningKeys;
import com.goodtalk.server.store.License;
import com.goodtalk.server.store.LicenseTerms;
import com.goodtalk.server.store.PostgresDatabases;
import com.goodtalk.server.testing.RunningServer;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Validation by certificate on a server backed by PostgreSQL whose signing key was rotated: a
 * certificate signed by the older key, which the server still publishes, is re-validated and
 * replaced by one from the active key; revoking the license then answers {@code key_revoked};
 * a certificate from a key the server does not hold, such as a retired one, gets {@code certificate_invalid}.
 */
@ExtendWith(PostgresDatabases.class)
class ValidateByCertificatePostgresTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void olderKeyCertificateRevalidatedOnPostgres(PostgresDatabases.Database database) throws Exception {
        ServerSigningKey older = ServerSigningKey.generate();
        ServerSigningKey active = ServerSigningKey.generate();
        RunningServer server = RunningServer.builder()
                .postgres(database.jdbcUrl(), database.user(), database.password())
                .keyPepper(Secret.ofUtf8(Nonces.randomUrlSafe(32)))
                .signingKeys(SigningKeys.of(active, List.of(older.publicKey())))
                .build();
        server.start();
        try {
            SignedExchange exchange = new SignedExchange(http, server.baseUri(), new V2RequestSigner(
                    server.clientKeyId(), server.clientSecret(), Clock.systemUTC()), server.jwks());
            String key = ProductKeys.generate();
            server.licenseStore().issue(new LicenseTerms(StartupKeys.DEFAULT_PRODUCT, "pro", List.of(), 1, null,
                    null), key, "postgres-test");
            String machine = MachineFingerprint.SCHEME + ":" + Nonces.randomUrlSafe(32);
            assertThat(exchange.send(V2Operation.ACTIVATE, key, machine).status()).isEqualTo("activated");
            License license = server.licenseStore().findByKey(key).orElseThrow();
            CertificateClaims claims = new CertificateClaims(Long.toString(license.id()), license.maskedKey(),
                    StartupKeys.DEFAULT_PRODUCT, "pro", List.of(), machine, null, Duration.ofDays(7));
            Clock eightDaysAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(8)), ZoneOffset.UTC);
            String byOlderKey = LicenseCertificates.issue(older, claims, eightDaysAgo);
            String byForeignKey = LicenseCertificates.issue(ServerSigningKey.generate(), claims, eightDaysAgo);

            SignedExchange.Reply valid = exchange.sendWithCertificate(V2Operation.VALIDATE, byOlderKey, machine);
            SignedExchange.Reply unknownKey = exchange.sendWithCertificate(V2Operation.VALIDATE, byForeignKey,
                    machine);
            server.licenseStore().revoke(license.id(), "postgres-test");
            SignedExchange.Reply revoked = exchange.sendWithCertificate(V2Operation.VALIDATE, byOlderKey, machine);

            assertThat(valid.status()).as(valid.message()).isEqualTo("valid");
            String fresh = valid.payload().path("license").path("certificate").asText();
            assertThat(fresh).isNotEqualTo(byOlderKey);
            assertThat(LicenseCertificate.verifyOffline(fresh, server.jwks(), machine,
                    Clock.systemUTC()).keyId()).isEqualTo(active.publicKey().thumbprint());
            assertThat(unknownKey.status()).isEqualTo(V2Status.CERTIFICATE_INVALID.word());
            assertThat(unknownKey.message()).contains("failed the check key_id");
            assertThat(revoked.status()).isEqualTo(V2Status.KEY_REVOKED.word());
        } finally {
            server.stop();
        }
    }
}

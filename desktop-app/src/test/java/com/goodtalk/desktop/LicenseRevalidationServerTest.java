package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.desktop.license.LicenseState;
import com.goodtalk.desktop.license.LicenseStorage;
import com.goodtalk.desktop.license.OnlineLicense;
import com.goodtalk.desktop.license.StoredLicenseCheck;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.license.CertificateClaims;
import com.goodtalk.protocol.license.LicenseCertificates;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-validation of a stored license against a real license server that sends certificates: a
 * due certificate is replaced, and a revoked key removes the local activation.
 */
class LicenseRevalidationServerTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private static final String MACHINE = TestClients.machine(TestClients.MACHINE_ID);

    @TempDir
    Path dataDir;

    private LicenseStorage storage;
    private OnlineLicense online;
    private V2Client client;

    @BeforeEach
    void setUp() {
        storage = new LicenseStorage(dataDir);
        online = new OnlineLicense(new StoredLicenseCheck(storage, V2Options.DEFAULT_PRODUCT_ID, server.jwks(), MACHINE,
                Clock.systemUTC(), StoredLicenseCheck.DEFAULT_GRACE));
        client = TestClients.v2Settings(server, server.jwks()).client(server.baseUri(), Duration.ofSeconds(10));
    }

    /** Stores a certificate issued eight days ago with seven days to re-validate, so re-validation is due. */
    private String storeDueCertificate() {
        Instant eightDaysAgo = Instant.now().minus(Duration.ofDays(8));
        String due = LicenseCertificates.issue(server.signingKeys().active(), new CertificateClaims("1",
                "GT7Q2M-****", "goodtalk-desktop", "pro", List.of(), MACHINE, null, Duration.ofDays(7)),
                Clock.fixed(eightDaysAgo, ZoneOffset.UTC));
        storage.writeCertificate(V2Options.DEFAULT_PRODUCT_ID, due);
        assertThat(online.check().check().kind()).isEqualTo(LicenseState.Kind.REVALIDATION_DUE);
        return due;
    }

    @Test
    void activationStoresServerCertificate() {
        LicenseState state = online.apply(client.activate(DemoKeys.KEYS.get(0))).orElseThrow();

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.LICENSED);
        assertThat(state.certificate().orElseThrow().machine()).isEqualTo(MACHINE);
        assertThat(storage.readCertificate(V2Options.DEFAULT_PRODUCT_ID)).isPresent();
    }

    @Test
    void revalidationReplacesDueCertificate() {
        String key = DemoKeys.KEYS.get(1);
        assertThat(client.activate(key).verdict().isActivated()).isTrue();
        String due = storeDueCertificate();

        OnlineLicense.Result result = online.revalidate(client, key);

        assertThat(result.trace().verdict().isActivated()).isTrue();
        assertThat(result.state().kind()).isEqualTo(LicenseState.Kind.LICENSED);
        assertThat(storage.readCertificate(V2Options.DEFAULT_PRODUCT_ID)).isPresent().get().isNotEqualTo(due);
    }

    @Test
    void revokedKeyRemovesActivation() {
        String key = DemoKeys.KEYS.get(2);
        assertThat(client.activate(key).verdict().isActivated()).isTrue();
        storeDueCertificate();
        server.licenseStore().revoke(server.licenseStore().findByKey(key).orElseThrow().id(), "test");

        OnlineLicense.Result result = online.revalidate(client, key);

        assertThat(result.trace().verdict().serverReason()).contains("key_revoked");
        assertThat(result.state().kind()).isEqualTo(LicenseState.Kind.NOT_STORED);
        assertThat(result.state().message()).startsWith("The server reports the license as revoked:");
        assertThat(storage.readCertificate(V2Options.DEFAULT_PRODUCT_ID)).isEmpty();
    }
}

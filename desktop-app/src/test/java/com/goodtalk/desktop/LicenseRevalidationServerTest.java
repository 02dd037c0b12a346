package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.desktop.license.LicenseState;
import com.goodtalk.desktop.license.LicenseStorage;
import com.goodtalk.desktop.license.OnlineLicense;
import com.goodtalk.desktop.license.StoredLicenseCheck;
import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.license.CertificateClaims;
import com.goodtalk.protocol.license.LicenseCertificates;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.store.License;
import com.goodtalk.server.testing.RunningServer;
import com.goodtalk.testkit.JwsEdits;
import com.goodtalk.testkit.TamperingProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-validation of a stored license against a real license server that sends certificates: a
 * due certificate is replaced, by key or by the certificate alone; a revoked key removes the local
 * activation; and a dead server or a tampered or replayed reply leaves the stored license as it
 * was, in its grace period.
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
        client = client(server.baseUri());
    }

    private static V2Client client(URI serverUri) {
        return TestClients.v2Settings(server, server.jwks()).client(serverUri, Duration.ofSeconds(10));
    }

    /**
     * Activates {@code key} on the test machine, then stores a certificate of its license issued
     * eight days ago with seven days to re-validate, so re-validation is due.
     */
    private String storeDueCertificate(String key) {
        Verdict activated = client.activate(key).verdict();
        assertThat(activated.isActivated()).as(activated.toString()).isTrue();
        License license = server.licenseStore().findByKey(key).orElseThrow();
        Instant eightDaysAgo = Instant.now().minus(Duration.ofDays(8));
        String due = LicenseCertificates.issue(server.signingKeys().active(), new CertificateClaims(
                Long.toString(license.id()), license.maskedKey(), "goodtalk-desktop", "pro", List.of(), MACHINE, null,
                Duration.ofDays(7)), Clock.fixed(eightDaysAgo, ZoneOffset.UTC));
        storage.writeCertificate(V2Options.DEFAULT_PRODUCT_ID, due);
        assertThat(online.check().check().kind()).isEqualTo(LicenseState.Kind.REVALIDATION_DUE);
        return due;
    }

    private String stored() {
        return storage.readCertificate(V2Options.DEFAULT_PRODUCT_ID).orElseThrow();
    }

    /** Returns a loopback URI on which nothing listens: the port of a server socket just closed. */
    private static URI deadServer() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    @Test
    void activationStoresServerCertificate() {
        LicenseState state = online.apply(client.activate(DemoKeys.KEYS.get(0)), Optional.of(DemoKeys.KEYS.get(0))).orElseThrow();

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.LICENSED);
        assertThat(state.certificate().orElseThrow().machine()).isEqualTo(MACHINE);
        assertThat(storage.readCertificate(V2Options.DEFAULT_PRODUCT_ID)).isPresent();
    }

    @Test
    void revalidationReplacesDueCertificate() {
        String key = DemoKeys.KEYS.get(1);
        String due = storeDueCertificate(key);

        OnlineLicense.Result result = online.revalidate(client, key);

        assertThat(result.trace().verdict().isActivated()).isTrue();
        assertThat(result.state().kind()).isEqualTo(LicenseState.Kind.LICENSED);
        assertThat(stored()).isNotEqualTo(due);
    }

    @Test
    void certificateRevalidationReplacesDueCertificate() {
        String due = storeDueCertificate(DemoKeys.KEYS.get(1));

        OnlineLicense.Result result = online.revalidate(client);

        assertThat(result.trace().verdict().isActivated()).as(result.trace().verdict().toString()).isTrue();
        assertThat(result.state().kind()).isEqualTo(LicenseState.Kind.LICENSED);
        assertThat(result.state().certificate().orElseThrow().needsRevalidation()).isFalse();
        assertThat(stored()).isNotEqualTo(due).isEqualTo(result.state().certificate().orElseThrow().compactJws());
        assertThat(result.trace().step(StepId.SIGN_REQUEST).orElseThrow().values().get("payload"))
                .contains("\"cert\":").doesNotContain(due).doesNotContain(DemoKeys.KEYS.get(1));
    }

    @Test
    void revokedKeyRemovesActivation() {
        String key = DemoKeys.KEYS.get(2);
        storeDueCertificate(key);
        // Revocation is final, so no other test of this class uses this key.
        server.licenseStore().revoke(server.licenseStore().findByKey(key).orElseThrow().id(), "test");

        OnlineLicense.Result result = online.revalidate(client);

        assertThat(result.trace().verdict().serverReason()).contains("key_revoked");
        assertThat(result.state().kind()).isEqualTo(LicenseState.Kind.NOT_STORED);
        assertThat(result.state().message()).startsWith("The server reports the license as revoked:");
        assertThat(storage.readCertificate(V2Options.DEFAULT_PRODUCT_ID)).isEmpty();
    }

    @Test
    void suspendedKeyRemovesActivation() {
        String key = DemoKeys.KEYS.get(0);
        storeDueCertificate(key);
        long id = server.licenseStore().findByKey(key).orElseThrow().id();
        server.licenseStore().suspend(id, "test");
        try {
            OnlineLicense.Result result = online.revalidate(client);

            assertThat(result.trace().verdict().serverReason()).contains("key_suspended");
            assertThat(result.state().kind()).isEqualTo(LicenseState.Kind.NOT_STORED);
            assertThat(storage.readCertificate(V2Options.DEFAULT_PRODUCT_ID)).isEmpty();
        } finally {
            server.licenseStore().reinstate(id, "test");
        }
    }

    @Test
    void deadServerKeepsLicenseInGrace() throws IOException {
        String due = storeDueCertificate(DemoKeys.KEYS.get(1));

        OnlineLicense.Result result = online.revalidate(client(deadServer()));

        assertThat(result.trace().verdict().kind()).isEqualTo(Verdict.Kind.UNREACHABLE);
        LicenseState state = result.state();
        assertThat(state.kind()).isEqualTo(LicenseState.Kind.OFFLINE_GRACE);
        assertThat(state.isLicensed()).isTrue();
        Instant graceEnds = state.certificate().orElseThrow().revalidateBy().plus(StoredLicenseCheck.DEFAULT_GRACE);
        assertThat(state.graceEnds()).contains(graceEnds);
        assertThat(state.message()).startsWith("Offline, grace until " + graceEnds + ": the license server could"
                + " not be reached");
        assertThat(stored()).isEqualTo(due);
    }

    @Test
    void forgedRevokedReplyKeepsLicense() {
        String due = storeDueCertificate(DemoKeys.KEYS.get(1));
        try (TamperingProxy proxy = TamperingProxy.start(server.baseUri())) {
            proxy.editReplies(JwsEdits.setClaim("status", "\"key_revoked\""));

            OnlineLicense.Result result = online.revalidate(client(proxy.baseUri()));

            assertThat(result.trace().verdict().kind()).isEqualTo(Verdict.Kind.VERIFICATION_FAILED);
            assertThat(result.trace().step(StepId.VERIFY_SIGNATURE).orElseThrow().outcome())
                    .isEqualTo(StepOutcome.FAILED);
            assertThat(result.state().kind()).isEqualTo(LicenseState.Kind.OFFLINE_GRACE);
            assertThat(result.state().message()).contains("failed the check " + StepId.VERIFY_SIGNATURE);
            assertThat(stored()).isEqualTo(due);
        }
    }

    @Test
    void replayedValidReplyDoesNotExtendLicense() {
        String due = storeDueCertificate(DemoKeys.KEYS.get(1));
        try (TamperingProxy proxy = TamperingProxy.start(server.baseUri())) {
            V2Client proxied = client(proxy.baseUri());
            assertThat(proxied.validate(DemoKeys.KEYS.get(1)).verdict().isActivated()).as("recorded reply").isTrue();
            proxy.replayReplies();

            OnlineLicense.Result result = online.revalidate(proxied);

            assertThat(result.trace().verdict().failedStepId()).contains(StepId.CHECK_REQUEST_HASH);
            assertThat(result.state().kind()).isEqualTo(LicenseState.Kind.OFFLINE_GRACE);
            assertThat(stored()).isEqualTo(due);
        }
    }

    @Test
    void rejectedCertificateKeepsLicenseAndAsksForKey() {
        String unknownLicense = LicenseCertificates.issue(server.signingKeys().active(), new CertificateClaims(
                "987654", "GT7Q2M-****", "goodtalk-desktop", "pro", List.of(), MACHINE, null, Duration.ofDays(7)),
                Clock.fixed(Instant.now().minus(Duration.ofDays(8)), ZoneOffset.UTC));
        storage.writeCertificate(V2Options.DEFAULT_PRODUCT_ID, unknownLicense);

        OnlineLicense.Result result = online.revalidate(client);

        assertThat(result.trace().verdict().serverReason()).contains("certificate_invalid");
        assertThat(result.state().kind()).isEqualTo(LicenseState.Kind.REVALIDATION_DUE);
        assertThat(result.state().message()).startsWith("The server did not accept the stored certificate:")
                .contains("Enter the product key in the key field");
        assertThat(stored()).isEqualTo(unknownLicense);
    }
}

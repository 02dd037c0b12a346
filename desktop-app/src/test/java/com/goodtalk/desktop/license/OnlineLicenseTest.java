package com.goodtalk.desktop.license;

import static com.goodtalk.desktop.license.TestCertificates.EXPIRES;
import static com.goodtalk.desktop.license.TestCertificates.ISSUED;
import static com.goodtalk.desktop.license.TestCertificates.MACHINE;
import static com.goodtalk.desktop.license.TestCertificates.OTHER_MACHINE;
import static com.goodtalk.desktop.license.TestCertificates.PINNED;
import static com.goodtalk.desktop.license.TestCertificates.PRODUCT_ID;
import static com.goodtalk.desktop.license.TestCertificates.SERVER_KEY;
import static com.goodtalk.desktop.license.TestCertificates.at;
import static com.goodtalk.desktop.license.TestCertificates.issue;
import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Updates of the stored license after online exchanges. The traces carry certificates issued
 * here, as a server's verified reply would.
 */
class OnlineLicenseTest {

    private static final Instant PAST_REVALIDATE_BY = ISSUED.plus(Duration.ofDays(9));

    @TempDir
    Path dataDir;

    private LicenseStorage storage;

    @BeforeEach
    void storage() {
        storage = new LicenseStorage(dataDir);
    }

    private OnlineLicense onlineAt(Instant now) {
        return new OnlineLicense(new StoredLicenseCheck(storage, PRODUCT_ID, PINNED, MACHINE, at(now),
                StoredLicenseCheck.DEFAULT_GRACE));
    }

    private static VerificationTrace trace(String protocol, Verdict verdict) {
        return new VerificationTrace(protocol, URI.create("http://127.0.0.1:9/v2/validate"), ISSUED, List.of(),
                verdict);
    }

    private static VerificationTrace activated(String certificate, Instant serverTime) {
        return trace("v2", Verdict.activated("The product key is valid and the server's reply is verified.",
                certificate, serverTime));
    }

    @Test
    void activationStoresItsCertificate() {
        String certificate = issue();

        LicenseState state = onlineAt(ISSUED.plusSeconds(5)).apply(activated(certificate, ISSUED), Optional.empty()).orElseThrow();

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.LICENSED);
        assertThat(storage.readCertificate(PRODUCT_ID)).contains(certificate);
    }

    @Test
    void revalidationReplacesTheDueCertificate() {
        storage.writeCertificate(PRODUCT_ID, issue());
        assertThat(onlineAt(PAST_REVALIDATE_BY).check().check().kind()).isEqualTo(LicenseState.Kind.REVALIDATION_DUE);
        String renewed = issue(SERVER_KEY, MACHINE, EXPIRES, PAST_REVALIDATE_BY);

        LicenseState state = onlineAt(PAST_REVALIDATE_BY).apply(activated(renewed, PAST_REVALIDATE_BY), Optional.empty()).orElseThrow();

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.LICENSED);
        assertThat(storage.readCertificate(PRODUCT_ID)).contains(renewed);
        assertThat(state.certificate().orElseThrow().revalidateBy()).isEqualTo(PAST_REVALIDATE_BY.plus(Duration.ofDays(7)));
    }

    @Test
    void laterServerTimeRecordedAsSeen() {
        Instant serverTime = ISSUED.plus(Duration.ofHours(2));

        onlineAt(ISSUED.plusSeconds(5)).apply(activated(issue(), serverTime), Optional.empty());

        assertThat(storage.lastSeen()).contains(serverTime);
    }

    @Test
    void certificateForAnotherMachineIsNotStored() {
        String foreign = issue(SERVER_KEY, OTHER_MACHINE, EXPIRES, ISSUED);

        LicenseState state = onlineAt(ISSUED.plusSeconds(5)).apply(activated(foreign, ISSUED), Optional.empty()).orElseThrow();

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.INVALID);
        assertThat(state.message()).startsWith("The server's certificate was not stored:");
        assertThat(storage.readCertificate(PRODUCT_ID)).isEmpty();
    }

    @Test
    void revokedKeyRemovesTheActivation() {
        storage.writeCertificate(PRODUCT_ID, issue());

        LicenseState state = onlineAt(PAST_REVALIDATE_BY).apply(trace("v2", Verdict.rejected("key_revoked",
                "The server rejected the request (key_revoked): The key was revoked.")), Optional.empty()).orElseThrow();

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.NOT_STORED);
        assertThat(state.message()).startsWith("The server reports the license as revoked:");
        assertThat(storage.readCertificate(PRODUCT_ID)).isEmpty();
    }

    @Test
    void suspendedKeyRemovesTheActivation() {
        storage.writeCertificate(PRODUCT_ID, issue());

        LicenseState state = onlineAt(PAST_REVALIDATE_BY).apply(trace("v2", Verdict.rejected("key_suspended",
                "The server rejected the request (key_suspended): The key is suspended.")), Optional.empty()).orElseThrow();

        assertThat(state.message()).startsWith("The server reports the license as suspended:");
        assertThat(storage.readCertificate(PRODUCT_ID)).isEmpty();
    }

    @Test
    void revokedKeyOfAnotherLicenseKeepsTheActivation() {
        storage.writeCertificate(PRODUCT_ID, issue());

        // The stored certificate's key_hint is GT7Q2M-****; this key belongs to another license.
        assertThat(onlineAt(ISSUED.plusSeconds(5)).apply(trace("v2", Verdict.rejected("key_revoked",
                "The server rejected the request (key_revoked): The key was revoked.")),
                Optional.of("APENL-4N9L1-2KA9D-3JX0-44LSK"))).isEmpty();
        assertThat(storage.readCertificate(PRODUCT_ID)).isPresent();
    }

    @Test
    void deactivatingAnotherLicenseKeepsTheActivation() {
        storage.writeCertificate(PRODUCT_ID, issue());

        assertThat(onlineAt(ISSUED.plusSeconds(5)).apply(trace("v2",
                Verdict.deactivated("This machine's seat is freed.")), Optional.of("SDFK9-J4HUL-1JK9I9-923J-0069K")))
                .isEmpty();
        assertThat(storage.readCertificate(PRODUCT_ID)).isPresent();
    }

    @Test
    void revokedLowerCaseKeyRemovesLicense() {
        storage.writeCertificate(PRODUCT_ID, issue());

        LicenseState state = onlineAt(ISSUED.plusSeconds(5)).apply(trace("v2", Verdict.rejected("key_revoked",
                "The server rejected the request (key_revoked): The key was revoked.")),
                Optional.of(" gt7q2m-abcdef-ghjkmn-pqrstv ")).orElseThrow();

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.NOT_STORED);
        assertThat(storage.readCertificate(PRODUCT_ID)).isEmpty();
    }

    @Test
    void notActivatedByCertificateRemovesTheActivation() {
        storage.writeCertificate(PRODUCT_ID, issue());

        LicenseState state = onlineAt(PAST_REVALIDATE_BY).apply(trace("v2", Verdict.rejected("not_activated",
                "The server rejected the request (not_activated): This machine holds no seat.")), Optional.empty())
                .orElseThrow();

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.NOT_STORED);
        assertThat(state.message()).startsWith("The server reports that this machine holds no seat on the license:");
        assertThat(storage.readCertificate(PRODUCT_ID)).isEmpty();
    }

    @Test
    void notActivatedByKeyKeepsTheActivation() {
        storage.writeCertificate(PRODUCT_ID, issue());

        assertThat(onlineAt(ISSUED.plusSeconds(5)).apply(trace("v2", Verdict.rejected("not_activated",
                "The server rejected the request (not_activated): This machine holds no seat.")),
                Optional.of("GT7Q2M-ABCDEF-GHJKMN-PQRSTV"))).isEmpty();
        assertThat(storage.readCertificate(PRODUCT_ID)).isPresent();
    }

    @Test
    void otherRejectionKeepsTheActivation() {
        storage.writeCertificate(PRODUCT_ID, issue());

        assertThat(onlineAt(PAST_REVALIDATE_BY).apply(trace("v2", Verdict.rejected("rate_limited",
                "Too many requests.")), Optional.empty())).isEmpty();
        assertThat(storage.readCertificate(PRODUCT_ID)).isPresent();
    }

    @Test
    void deactivationRemovesTheCertificate() {
        storage.writeCertificate(PRODUCT_ID, issue());

        LicenseState state = onlineAt(ISSUED.plusSeconds(5)).apply(trace("v2",
                Verdict.deactivated("This machine's seat is freed.")), Optional.empty()).orElseThrow();

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.NOT_STORED);
        assertThat(storage.readCertificate(PRODUCT_ID)).isEmpty();
    }

    @Test
    void v1TraceChangesNothing() {
        assertThat(onlineAt(ISSUED).apply(trace("v1", Verdict.activated("Activated.")), Optional.empty())).isEmpty();
        assertThat(storage.readCertificate(PRODUCT_ID)).isEmpty();
    }

    @Test
    void unreachableServerKeepsWorkingWithinGrace() throws Exception {
        storage.writeCertificate(PRODUCT_ID, issue());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        V2Client client = V2Client.builder()
                .server(URI.create("http://127.0.0.1:" + closedPort))
                .clientKeyId("default")
                .clientSecret(Secret.ofUtf8("unused-secret-for-a-closed-port"))
                .pinnedKeys(PINNED)
                .machine(MACHINE)
                .app("GoodTalk Desktop test")
                .timeout(Duration.ofSeconds(5))
                .build();

        OnlineLicense.Result result = onlineAt(PAST_REVALIDATE_BY).revalidate(client, "APENL-4N9L1-2KA9D-3JX0-44LSK");

        assertThat(result.trace().verdict().kind()).isEqualTo(Verdict.Kind.UNREACHABLE);
        assertThat(result.state().kind()).isEqualTo(LicenseState.Kind.OFFLINE_GRACE);
        assertThat(result.state().isLicensed()).isTrue();
        assertThat(result.state().message()).startsWith("Offline, grace until "
                + result.state().graceEnds().orElseThrow() + ": the license server could not be reached")
                .contains("still accepted for 12 days");
        assertThat(storage.readCertificate(PRODUCT_ID)).isPresent();
    }
}

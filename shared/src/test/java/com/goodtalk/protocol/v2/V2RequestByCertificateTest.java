package com.goodtalk.protocol.v2;

import static com.goodtalk.protocol.v2.RequestForge.claims;
import static com.goodtalk.protocol.v2.RequestForge.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.goodtalk.protocol.v2.V2RequestRejectedException.Check;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Validate and deactivate requests that name the license by a license certificate ({@code cert})
 * instead of the product key ({@code key}): the signer builds them only for those operations, and
 * the verifier demands exactly one of the two claims.
 */
class V2RequestByCertificateTest {

    /** A certificate-shaped compact JWS; the verifier checks its claim type only, the server its signature. */
    private static final String CERTIFICATE = "eyJhbGciOiJFZERTQSJ9." + "A".repeat(600) + ".c2lnbmF0dXJl";

    private static V2RequestRejectedException rejection(V2Operation endpoint, byte[] body) {
        V2RequestRejectedException e = catchThrowableOfType(() -> RequestForge.verifier().verify(endpoint, body),
                V2RequestRejectedException.class);
        assertThat(e).as("the verifier must reject the request").isNotNull();
        return e;
    }

    private static Map<String, Object> certificateClaims(String operation) {
        Map<String, Object> claims = claims();
        claims.put("op", operation);
        claims.remove("key");
        claims.put("cert", CERTIFICATE);
        return claims;
    }

    @Test
    void signedCertificateRequestVerifies() throws Exception {
        V2Request request = RequestForge.signer().signWithCertificate(V2Operation.VALIDATE, CERTIFICATE,
                RequestForge.MACHINE, RequestForge.APP);

        VerifiedV2Request verified = RequestForge.verifier().verify(V2Operation.VALIDATE, request.body());

        assertThat(verified.certificate()).contains(CERTIFICATE);
        assertThat(verified.operation()).isEqualTo(V2Operation.VALIDATE);
        assertThat(request.certificate()).contains(CERTIFICATE);
        assertThat(request.payloadJson()).contains("\"cert\":\"" + CERTIFICATE + "\"").doesNotContain("\"key\"");
        assertThatThrownBy(verified::productKey).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("certificate()");
        assertThatThrownBy(request::productKey).isInstanceOf(IllegalStateException.class);
        assertThat(verified.toString()).contains("by certificate").doesNotContain(CERTIFICATE);
    }

    @Test
    void deactivateByCertificateVerifies() throws Exception {
        V2Request request = RequestForge.signer().signWithCertificate(V2Operation.DEACTIVATE, CERTIFICATE,
                RequestForge.MACHINE, RequestForge.APP);

        VerifiedV2Request verified = RequestForge.verifier().verify(V2Operation.DEACTIVATE, request.body());

        assertThat(verified.certificate()).contains(CERTIFICATE);
    }

    @Test
    void keyRequestHasNoCertificate() throws Exception {
        V2Request request = RequestForge.signer().sign(V2Operation.VALIDATE, RequestForge.PRODUCT_KEY,
                RequestForge.MACHINE, RequestForge.APP);

        VerifiedV2Request verified = RequestForge.verifier().verify(V2Operation.VALIDATE, request.body());

        assertThat(verified.certificate()).isEmpty();
        assertThat(verified.productKey()).isEqualTo(RequestForge.PRODUCT_KEY);
        assertThat(request.displayPayloadJson()).isEqualTo(request.payloadJson());
    }

    @Test
    void tracePayloadShortensCertificate() {
        V2Request request = RequestForge.signer().signWithCertificate(V2Operation.VALIDATE, CERTIFICATE,
                RequestForge.MACHINE, RequestForge.APP);

        assertThat(request.displayPayloadJson())
                .doesNotContain(CERTIFICATE)
                .contains("\"cert\":\"" + CERTIFICATE.substring(0, 16) + "...")
                .contains("(" + CERTIFICATE.length() + " characters)")
                .contains("\"machine\":\"" + RequestForge.MACHINE + "\"");
        assertThat(request.displayPayloadJson().length()).isLessThan(300);
    }

    @Test
    void signerRejectsActivateByCertificate() {
        assertThatThrownBy(() -> RequestForge.signer().signWithCertificate(V2Operation.ACTIVATE, CERTIFICATE,
                RequestForge.MACHINE, RequestForge.APP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("A request to activate cannot name the license by certificate;");
    }

    @Test
    void signerRejectsKeyAsCertificate() {
        assertThatThrownBy(() -> RequestForge.signer().signWithCertificate(V2Operation.VALIDATE,
                RequestForge.PRODUCT_KEY, RequestForge.MACHINE, RequestForge.APP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a compact JWS")
                .hasMessageNotContaining(RequestForge.PRODUCT_KEY);
    }

    @Test
    void bothKeyAndCertRejected() {
        Map<String, Object> claims = certificateClaims("validate");
        claims.put("key", RequestForge.PRODUCT_KEY);

        V2RequestRejectedException e = rejection(V2Operation.VALIDATE, signed(claims));

        assertThat(e.check()).isEqualTo(Check.CLAIMS);
        assertThat(e.status()).isEqualTo(V2Status.MALFORMED);
        assertThat(e.getMessage()).contains("both claims key and cert").contains("exactly one");
    }

    @Test
    void neitherKeyNorCertRejected() {
        Map<String, Object> claims = certificateClaims("validate");
        claims.remove("cert");

        V2RequestRejectedException e = rejection(V2Operation.VALIDATE, signed(claims));

        assertThat(e.status()).isEqualTo(V2Status.MALFORMED);
        assertThat(e.getMessage()).contains("claim key is missing, and so is cert");
    }

    @Test
    void activateByCertificateRejected() {
        V2RequestRejectedException e = rejection(V2Operation.ACTIVATE, signed(certificateClaims("activate")));

        assertThat(e.status()).isEqualTo(V2Status.MALFORMED);
        assertThat(e.getMessage()).contains("cert is not accepted by /v2/activate");
    }

    @Test
    void emptyOrNonStringCertRejected() {
        Map<String, Object> empty = certificateClaims("validate");
        empty.put("cert", "");
        Map<String, Object> number = certificateClaims("validate");
        number.put("cert", 7);

        assertThat(rejection(V2Operation.VALIDATE, signed(empty)).getMessage()).contains("claim cert is empty");
        assertThat(rejection(V2Operation.VALIDATE, signed(number)).getMessage())
                .contains("\"cert\" must be a JSON string");
    }

    @Test
    void certificateStatusAndOperations() {
        assertThat(V2Status.fromWord("certificate_invalid")).contains(V2Status.CERTIFICATE_INVALID);
        assertThat(V2Status.CERTIFICATE_INVALID.httpStatus()).isEqualTo(403);
        assertThat(V2Status.CERTIFICATE_INVALID.carriesLicense()).isFalse();
        assertThat(V2Operation.ACTIVATE.acceptsCertificate()).isFalse();
        assertThat(V2Operation.VALIDATE.acceptsCertificate()).isTrue();
        assertThat(V2Operation.DEACTIVATE.acceptsCertificate()).isTrue();
    }
}

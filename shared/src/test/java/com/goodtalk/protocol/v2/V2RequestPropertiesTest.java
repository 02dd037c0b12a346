package com.goodtalk.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Property tests: every valid request round-trips, and every single mutation of one is rejected. */
class V2RequestPropertiesTest {

    private static final V2RequestVerifier VERIFIER = RequestForge.verifier();
    private static final V2RequestSigner SIGNER = RequestForge.signer();

    @Provide
    Arbitrary<String> productKeys() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(80)
                .filter(key -> StandardCharsets.UTF_8.newEncoder().canEncode(key));
    }

    @Provide
    Arbitrary<String> machines() {
        return Arbitraries.strings().alpha().numeric().withChars('.', '_', ':', '-').ofMinLength(1).ofMaxLength(128);
    }

    @Provide
    Arbitrary<String> apps() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(64);
    }

    @Provide
    Arbitrary<V2Operation> operations() {
        return Arbitraries.of(V2Operation.class);
    }

    @Property(tries = 500)
    void validRequestRoundTrips(@ForAll("operations") V2Operation operation, @ForAll("productKeys") String key,
                                @ForAll("machines") String machine, @ForAll("apps") String app) throws Exception {
        V2Request request = SIGNER.sign(operation, key, machine, app);

        VerifiedV2Request verified = VERIFIER.verify(operation, request.body());

        assertThat(verified.operation()).isEqualTo(operation);
        assertThat(verified.productKey()).isEqualTo(key);
        assertThat(verified.machine()).isEqualTo(machine);
        assertThat(verified.app()).isEqualTo(app);
        assertThat(verified.jti()).isEqualTo(request.jti());
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Mutation.arbitrary();
    }

    @Property(tries = 1000)
    void singleMutationRejected(@ForAll("mutations") Mutation mutation) {
        byte[] valid = SIGNER.sign(V2Operation.ACTIVATE, RequestForge.PRODUCT_KEY, RequestForge.MACHINE,
                RequestForge.APP).body();
        byte[] mutated = mutation.apply(valid);

        V2RequestRejectedException e = catchThrowableOfType(() -> VERIFIER.verify(V2Operation.ACTIVATE, mutated),
                V2RequestRejectedException.class);

        assertThat(e).as("%s must be rejected", mutation).isNotNull();
        assertThat(e.status()).isIn(V2Status.MALFORMED, V2Status.BAD_SIGNATURE);
    }
}

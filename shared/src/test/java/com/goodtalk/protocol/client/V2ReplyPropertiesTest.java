package com.goodtalk.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.v2.Mutation;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Request;
import com.goodtalk.protocol.v2.V2Status;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Property test: any single mutation of a genuine reply fails verification, whatever its status. */
class V2ReplyPropertiesTest {

    @Provide
    Arbitrary<Mutation> mutations() {
        return Mutation.arbitrary();
    }

    @Provide
    Arbitrary<V2Status> statuses() {
        return Arbitraries.of(V2Status.ACTIVATED, V2Status.KEY_INVALID, V2Status.REPLAYED, V2Status.MALFORMED);
    }

    @Property(tries = 1000)
    void singleMutationFails(@ForAll("mutations") Mutation mutation, @ForAll("statuses") V2Status status) {
        V2Request request = ReplyForge.request(V2Operation.ACTIVATE);
        HttpReply genuine = ReplyForge.genuine(request, status);

        VerificationTrace trace = ReplyForge.check(request, ReplyForge.http(genuine.status(),
                mutation.apply(genuine.body())));

        assertThat(trace.verdict().kind()).as("%s", mutation).isEqualTo(Verdict.Kind.VERIFICATION_FAILED);
    }
}

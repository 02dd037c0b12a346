package com.goodtalk.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.jose.Base64Url;
import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/protocol-v2-example.md} equal to what the code computes, and checks that the
 * example exchange is one the real server and client accept.
 *
 * <p>Run with {@code -Dgoodtalk.writeExample=true} to rewrite the file after a deliberate change
 * of the wire format; review its diff before committing it.
 */
class V2WorkedExampleTest {

    private static final String WRITE_PROPERTY = "goodtalk.writeExample";

    private static final V2WorkedExample EXAMPLE = V2WorkedExample.compute();

    /** Returns the example's path. Maven runs the tests in {@code shared/}, so the repository root is its parent. */
    private static Path exampleFile() {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("shared/pom.xml"))
                .as("the tests must run with shared/ as the working directory, as Maven runs them")
                .exists();
        return root.resolve("docs/protocol-v2-example.md");
    }

    @Test
    void committedExampleMatchesCode() throws IOException {
        Path file = exampleFile();
        String computed = EXAMPLE.markdown();
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            Files.writeString(file, computed, StandardCharsets.UTF_8);
        }
        assertThat(file).as("%s is missing; create it with: ./mvnw -q -pl shared test"
                + " -Dtest=V2WorkedExampleTest -D%s=true", file, WRITE_PROPERTY).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s no longer matches the code. If the wire format changed on purpose, regenerate it with:"
                        + " ./mvnw -q -pl shared test -Dtest=V2WorkedExampleTest -D%s=true, and update the"
                        + " README's Protocol v2 section to match", file, WRITE_PROPERTY)
                .isEqualTo(computed);
    }

    @Test
    void verifierAcceptsExampleRequest() throws V2RequestRejectedException {
        VerifiedV2Request verified = V2WorkedExample.serverVerifier()
                .verify(V2Operation.ACTIVATE, EXAMPLE.request().body());

        assertThat(verified.keyId()).isEqualTo(V2WorkedExample.CLIENT_KEY_ID);
        assertThat(verified.jti()).isEqualTo(V2WorkedExample.REQUEST_JTI);
        assertThat(verified.issuedAt()).isEqualTo(V2WorkedExample.CLIENT_TIME);
        assertThat(verified.machine()).isEqualTo(EXAMPLE.machine());
    }

    @Test
    void replayCacheRejectsSecondCopy() {
        ReplayCache cache = new InMemoryReplayCache(10, V2Protocol.DEFAULT_ALLOWED_SKEW,
                Clock.fixed(V2WorkedExample.SERVER_TIME, ZoneOffset.UTC));

        assertThat(cache.checkAndRecord(EXAMPLE.verifiedRequest())).isEqualTo(ReplayCache.Outcome.FRESH);
        assertThat(cache.checkAndRecord(EXAMPLE.verifiedRequest())).isEqualTo(ReplayCache.Outcome.REPLAYED);
    }

    @Test
    void publishedHkdfKeyReproducesHmac() throws Exception {
        CompactJws request = CompactJws.parse(EXAMPLE.request().body());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(EXAMPLE.requestHmacKey(), "HmacSHA256"));

        assertThat(mac.doFinal(request.signingInput())).isEqualTo(request.signature());
    }

    @Test
    void keySetHasRfc8037Thumbprint() throws Exception {
        JsonWebKeySet keys = JsonWebKeySet.parse(EXAMPLE.jwks());

        assertThat(keys.keys()).singleElement().satisfies(key -> {
            assertThat(Base64Url.encode(key.raw())).isEqualTo(V2WorkedExample.SERVER_PUBLIC_KEY_X);
            assertThat(key.thumbprint()).isEqualTo(V2WorkedExample.SERVER_KEY_THUMBPRINT);
        });
    }

    @Test
    void exampleReplyEchoesRequest() throws Exception {
        CompactJws reply = CompactJws.parse(EXAMPLE.replyBody().getBytes(StandardCharsets.US_ASCII));

        assertThat(reply.header().get("kid").textValue()).isEqualTo(V2WorkedExample.SERVER_KEY_THUMBPRINT);
        assertThat(reply.payloadText())
                .contains("\"req\":\"" + EXAMPLE.request().requestHash() + "\"")
                .contains("\"req_jti\":\"" + V2WorkedExample.REQUEST_JTI + "\"")
                .contains("\"jti\":\"" + V2WorkedExample.SERVER_JTI + "\"")
                .contains("\"iat\":" + V2WorkedExample.SERVER_TIME.getEpochSecond());
    }
}

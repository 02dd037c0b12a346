package com.goodtalk.desktop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.jose.Base64Url;
import com.goodtalk.testkit.BodyEdit;
import com.goodtalk.testkit.BodyEdits;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * {@link BodyEdit}s that a man in the middle applies to a compact JWS reply, each aimed at one
 * of the client's checks. They keep the other two parts of the JWS byte for byte.
 */
final class JwsEdits {

    /** How far from the end of the body the signature edits change a character: inside the signature part. */
    private static final int SIGNATURE_OFFSET_FROM_END = 10;

    private JwsEdits() {
    }

    /** Inverts every bit of one signature byte, which leaves a byte outside base64url: a syntax error. */
    static BodyEdit flipSignatureByte() {
        return body -> BodyEdits.flipByte(body.length - SIGNATURE_OFFSET_FROM_END).apply(body);
    }

    /** Changes one signature character to another base64url character, so the JWS still parses. */
    static BodyEdit changeSignatureCharacter() {
        return body -> {
            byte[] edited = body.clone();
            int index = body.length - SIGNATURE_OFFSET_FROM_END;
            edited[index] = (byte) (body[index] == 'A' ? 'B' : 'A');
            return edited;
        };
    }

    /** Replaces the header with {@code header}, encoded as base64url. */
    static BodyEdit replaceHeader(String header) {
        return body -> {
            String[] parts = parts(body);
            return join(Base64Url.encode(header.getBytes(StandardCharsets.UTF_8)), parts[1], parts[2]);
        };
    }

    /** Decodes the payload, lets {@code change} edit it, and encodes it again. */
    static BodyEdit editPayload(Consumer<ObjectNode> change) {
        return body -> {
            String[] parts = parts(body);
            try {
                ObjectNode payload = StrictJson.parseObject(Base64Url.decode(parts[1], "the reply payload"));
                change.accept(payload);
                byte[] json = StrictJson.mapper().writeValueAsBytes(payload);
                return join(parts[0], Base64Url.encode(json), parts[2]);
            } catch (MalformedMessageException | JsonProcessingException e) {
                throw new IllegalArgumentException("The reply payload is not a JSON object: " + e.getMessage(), e);
            }
        };
    }

    private static String[] parts(byte[] body) {
        String[] parts = new String(body, StandardCharsets.US_ASCII).split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("The reply is not a compact JWS: it has " + parts.length + " parts.");
        }
        return parts;
    }

    private static byte[] join(String header, String payload, String signature) {
        return (header + "." + payload + "." + signature).getBytes(StandardCharsets.US_ASCII);
    }
}

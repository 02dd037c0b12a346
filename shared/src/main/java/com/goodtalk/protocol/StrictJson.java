package com.goodtalk.protocol;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Parses protocol messages strictly: one JSON object, no duplicate members, no trailing
 * content, and string members that are really strings.
 *
 * <p>Lenient parsers pick one of two duplicate members, and two parsers may pick differently;
 * rejecting duplicates removes that ambiguity for signed messages.
 */
public final class StrictJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {
    }

    /**
     * Parses {@code body} as one JSON object.
     *
     * @throws MalformedMessageException if the body is not valid JSON, has duplicate members,
     *                                   has content after the object, or is not an object
     */
    public static ObjectNode parseObject(byte[] body) throws MalformedMessageException {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new MalformedMessageException("The body exceeds a JSON size limit: " + e.getOriginalMessage(), e);
        } catch (JsonParseException e) {
            throw new MalformedMessageException("The body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedMessageException("The body is not valid JSON: " + e.getMessage(), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new MalformedMessageException("The body is empty; expected a JSON object.");
        }
        if (!node.isObject()) {
            throw new MalformedMessageException("The body is a JSON " + node.getNodeType().name().toLowerCase()
                    + "; expected a JSON object.");
        }
        return (ObjectNode) node;
    }

    /**
     * Returns the string member {@code name} of {@code object}.
     *
     * @throws MalformedMessageException if the member is missing or is not a JSON string
     */
    public static String requireString(ObjectNode object, String name) throws MalformedMessageException {
        JsonNode value = object.get(name);
        if (value == null) {
            throw new MalformedMessageException("The member \"" + name + "\" is missing.");
        }
        if (!value.isTextual()) {
            throw new MalformedMessageException("The member \"" + name + "\" must be a JSON string, but it is a "
                    + value.getNodeType().name().toLowerCase() + ".");
        }
        return value.textValue();
    }

    /** Returns the shared mapper for writing JSON; it is thread-safe once configured. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}

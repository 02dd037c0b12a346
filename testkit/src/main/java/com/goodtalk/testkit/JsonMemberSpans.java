package com.goodtalk.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The byte offsets of each top-level member of a JSON object body, so an edit can splice one
 * member and leave every other byte as it was.
 */
final class JsonMemberSpans {

    /**
     * One member.
     *
     * @param name       the decoded member name
     * @param nameStart  offset of the opening quote of the name
     * @param valueStart offset of the first byte of the value
     * @param valueEnd   offset just past the last byte of the value
     */
    record Member(String name, int nameStart, int valueStart, int valueEnd) {
    }

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final List<Member> members;
    private final int closingBrace;

    private JsonMemberSpans(List<Member> members, int closingBrace) {
        this.members = List.copyOf(members);
        this.closingBrace = closingBrace;
    }

    /**
     * Locates the members of {@code body}.
     *
     * @throws IllegalArgumentException if the body is not exactly one JSON object
     */
    static JsonMemberSpans of(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notAnObject(body, "it does not start with '{'");
            }
            List<Member> members = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int nameStart = offset(parser.currentTokenLocation().getByteOffset());
                JsonToken value = parser.nextToken();
                int valueStart = offset(parser.currentTokenLocation().getByteOffset());
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                } else {
                    // Jackson reads a string lazily; finishing it moves the location past the closing quote.
                    parser.finishToken();
                }
                int valueEnd = offset(parser.currentLocation().getByteOffset());
                members.add(new Member(name, nameStart, valueStart, valueEnd));
            }
            int closingBrace = offset(parser.currentTokenLocation().getByteOffset());
            if (parser.nextToken() != null) {
                throw notAnObject(body, "there is content after the closing '}'");
            }
            return new JsonMemberSpans(members, closingBrace);
        } catch (JsonProcessingException e) {
            throw notAnObject(body, e.getOriginalMessage());
        } catch (IOException e) {
            // Parsing a byte array does no I/O, so this means a broken parser.
            throw new IllegalStateException("Could not read a body held in memory", e);
        }
    }

    private static int offset(long byteOffset) {
        return Math.toIntExact(byteOffset);
    }

    private static IllegalArgumentException notAnObject(byte[] body, String reason) {
        return new IllegalArgumentException("The body (" + body.length + " bytes) is not one JSON object: " + reason
                + ". JSON edits apply only to JSON object bodies; use BodyEdits for other bodies.");
    }

    List<Member> members() {
        return members;
    }

    /** Returns the offset of the object's closing {@code '}'}. */
    int closingBrace() {
        return closingBrace;
    }

    /**
     * Returns the index of the only member called {@code name}.
     *
     * @throws IllegalArgumentException if no member or more than one has that name
     */
    int indexOfOnly(String name) {
        int found = -1;
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).name().equals(name)) {
                if (found >= 0) {
                    throw new IllegalArgumentException("The member \"" + name + "\" appears more than once, so the"
                            + " edit is ambiguous. Edit a body whose member names are unique.");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("The body has no member \"" + name + "\"; its members are "
                    + names() + ".");
        }
        return found;
    }

    private String names() {
        return members.stream().map(member -> "\"" + member.name() + "\"").collect(Collectors.joining(", ", "[", "]"));
    }
}

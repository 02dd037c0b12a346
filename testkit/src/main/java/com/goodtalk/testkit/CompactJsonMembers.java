package com.goodtalk.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Splices members of a JSON object, at the top level or inside nested objects, and copies every
 * other byte unchanged. New text is written compactly, without spaces, as JWS headers and
 * payloads are usually written.
 */
final class CompactJsonMembers {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private CompactJsonMembers() {
    }

    /**
     * Splits a JSON Pointer (RFC 6901) such as {@code /license/seats/used} into member names.
     *
     * @throws IllegalArgumentException if the pointer is empty or does not start with {@code /}
     */
    static List<String> path(String pointer) {
        if (pointer.isEmpty() || pointer.charAt(0) != '/') {
            throw new IllegalArgumentException("The JSON Pointer \"" + pointer + "\" must start with '/' and name"
                    + " at least one member, such as /license/seats/used.");
        }
        List<String> names = new ArrayList<>();
        for (JsonPointer step = JsonPointer.compile(pointer); !step.matches(); step = step.tail()) {
            names.add(step.getMatchingProperty());
        }
        return names;
    }

    /**
     * Checks that {@code jsonValue} is exactly one JSON value, such as {@code "text"}, {@code 12},
     * {@code null} or <code>{"a":1}</code>.
     *
     * @throws IllegalArgumentException if it is not
     */
    static String requireJsonValue(String jsonValue) {
        try (JsonParser parser = FACTORY.createParser(jsonValue)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw notOneValue(jsonValue, "it is empty");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw notOneValue(jsonValue, "there is text after the first value");
            }
            return jsonValue;
        } catch (JsonProcessingException e) {
            throw notOneValue(jsonValue, e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("Could not read a string held in memory", e);
        }
    }

    private static IllegalArgumentException notOneValue(String jsonValue, String reason) {
        return new IllegalArgumentException("The text <" + jsonValue + "> is not one JSON value: " + reason
                + ". Quote strings, as in \"\\\"activated\\\"\", and write numbers, true, false and null bare.");
    }

    /** Returns {@code json} with the value at {@code path} replaced by {@code jsonValue}. */
    static byte[] set(byte[] json, List<String> path, String jsonValue) {
        return atParent(json, path, (object, name) -> {
            JsonMemberSpans spans = JsonMemberSpans.of(object);
            JsonMemberSpans.Member target = spans.members().get(spans.indexOfOnly(name));
            return splice(object, target.valueStart(), target.valueEnd(), jsonValue);
        });
    }

    /** Returns {@code json} without the member at {@code path}. */
    static byte[] remove(byte[] json, List<String> path) {
        return atParent(json, path, (object, name) -> JsonEdits.remove(name).apply(object));
    }

    /**
     * Returns {@code json} with the member {@code name: jsonValue} appended to the object at
     * {@code parentPath}, even if a member of that name exists, which makes a duplicate.
     */
    static byte[] add(byte[] json, List<String> parentPath, String name, String jsonValue) {
        String member = PythonJsonString.quote(name) + ":" + jsonValue;
        UnaryOperator<byte[]> append = object -> {
            JsonMemberSpans spans = JsonMemberSpans.of(object);
            List<JsonMemberSpans.Member> members = spans.members();
            if (members.isEmpty()) {
                return splice(object, spans.closingBrace(), spans.closingBrace(), member);
            }
            int end = members.get(members.size() - 1).valueEnd();
            return splice(object, end, end, "," + member);
        };
        return atObject(json, parentPath, append);
    }

    /** Applies {@code edit} to the object that contains the last member of {@code path}. */
    private static byte[] atParent(byte[] json, List<String> path, MemberEdit edit) {
        List<String> parent = path.subList(0, path.size() - 1);
        String name = path.get(path.size() - 1);
        return atObject(json, parent, object -> edit.apply(object, name));
    }

    /** Applies {@code edit} to the nested object at {@code path} and splices the result back. */
    private static byte[] atObject(byte[] json, List<String> path, UnaryOperator<byte[]> edit) {
        if (path.isEmpty()) {
            return edit.apply(json);
        }
        JsonMemberSpans spans = JsonMemberSpans.of(json);
        JsonMemberSpans.Member member = spans.members().get(spans.indexOfOnly(path.get(0)));
        byte[] nested = Arrays.copyOfRange(json, member.valueStart(), member.valueEnd());
        byte[] edited;
        try {
            edited = atObject(nested, path.subList(1, path.size()), edit);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("In the member \"" + path.get(0) + "\": " + e.getMessage(), e);
        }
        return splice(json, member.valueStart(), member.valueEnd(), edited);
    }

    /** Returns {@code body} with the bytes from {@code start} to {@code end} replaced by {@code text}. */
    private static byte[] splice(byte[] body, int start, int end, String text) {
        return splice(body, start, end, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] splice(byte[] body, int start, int end, byte[] inserted) {
        ByteArrayOutputStream edited = new ByteArrayOutputStream(body.length + inserted.length);
        edited.write(body, 0, start);
        edited.write(inserted, 0, inserted.length);
        edited.write(body, end, body.length - end);
        return edited.toByteArray();
    }

    @FunctionalInterface
    private interface MemberEdit {
        byte[] apply(byte[] object, String name);
    }
}

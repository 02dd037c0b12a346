package com.goodtalk.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * {@link BodyEdit}s for bodies that are one JSON object, such as v1 requests and replies.
 *
 * <p>Each edit splices the bytes of one member and copies every other byte unchanged, so the
 * other members keep their order and formatting. New text is written as Python's
 * {@code json.dumps} writes it by default: {@code ", "} between members, {@code ": "} after a
 * name, and ASCII-only strings with <code>&#92;uXXXX</code> escapes. On a body that {@code json.dumps}
 * produced, an edit therefore changes exactly the intended member.
 *
 * <pre>{@code
 * proxy.editRequests(JsonEdits.set("key", "F423J-JS0AW-345JD-AA05K-NMF09"));
 * proxy.editReplies(JsonEdits.remove("serverSignature"));
 * }</pre>
 *
 * <p>Every edit throws {@link IllegalArgumentException} when the body is not a single JSON
 * object. Members are compared by their decoded names.
 */
public final class JsonEdits {

    private JsonEdits() {
    }

    /**
     * Returns an edit that replaces the value of {@code member} with the JSON string {@code value},
     * whatever type the old value had.
     *
     * @throws IllegalArgumentException from the edit, if the member is missing or appears more than once
     */
    public static BodyEdit set(String member, String value) {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(value, "value");
        return body -> {
            JsonMemberSpans spans = JsonMemberSpans.of(body);
            JsonMemberSpans.Member target = spans.members().get(spans.indexOfOnly(member));
            return splice(body, target.valueStart(), target.valueEnd(), PythonJsonString.quote(value));
        };
    }

    /**
     * Returns an edit that deletes {@code member} with one adjoining separator: the one after it,
     * or for the last member the one before it.
     *
     * @throws IllegalArgumentException from the edit, if the member is missing or appears more than once
     */
    public static BodyEdit remove(String member) {
        Objects.requireNonNull(member, "member");
        return body -> {
            JsonMemberSpans spans = JsonMemberSpans.of(body);
            List<JsonMemberSpans.Member> members = spans.members();
            int index = spans.indexOfOnly(member);
            JsonMemberSpans.Member target = members.get(index);
            if (members.size() == 1) {
                return splice(body, target.nameStart(), target.valueEnd(), "");
            }
            if (index < members.size() - 1) {
                return splice(body, target.nameStart(), members.get(index + 1).nameStart(), "");
            }
            return splice(body, members.get(index - 1).valueEnd(), target.valueEnd(), "");
        };
    }

    /**
     * Returns an edit that appends the member {@code "member": "value"} after the last member.
     * It appends even when a member of that name exists, which makes a duplicate member: an
     * attack in its own right, because parsers disagree on which duplicate wins.
     */
    public static BodyEdit add(String member, String value) {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(value, "value");
        String newMember = PythonJsonString.quote(member) + ": " + PythonJsonString.quote(value);
        return body -> {
            JsonMemberSpans spans = JsonMemberSpans.of(body);
            List<JsonMemberSpans.Member> members = spans.members();
            if (members.isEmpty()) {
                return splice(body, spans.closingBrace(), spans.closingBrace(), newMember);
            }
            int end = members.get(members.size() - 1).valueEnd();
            return splice(body, end, end, ", " + newMember);
        };
    }

    /** Returns {@code body} with the bytes from {@code start} to {@code end} replaced by {@code text}. */
    private static byte[] splice(byte[] body, int start, int end, String text) {
        byte[] inserted = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream edited = new ByteArrayOutputStream(body.length + inserted.length);
        edited.write(body, 0, start);
        edited.write(inserted, 0, inserted.length);
        edited.write(body, end, body.length - end);
        return edited.toByteArray();
    }
}

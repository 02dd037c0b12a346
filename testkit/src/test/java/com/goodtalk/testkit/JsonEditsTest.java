package com.goodtalk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonEditsTest {

    /** A v1 reply as Python's json.dumps prints it. */
    private static final String REPLY = "{\"key\": \"APENL-4N9L1-2KA9D-3JX0-44LSK\", \"nonce\": \"abc_-12\","
            + " \"version\": \"0.0.1\", \"hmac\": \"00ff\", \"serverNonce\": \"xyz\", \"serverSignature\": \"ee11\"}";

    private static String edit(BodyEdit edit, String body) {
        return new String(edit.apply(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void setChangesOnlyTheValue() {
        String edited = edit(JsonEdits.set("nonce", "NEW"), REPLY);

        assertThat(edited).isEqualTo(REPLY.replace("\"abc_-12\"", "\"NEW\""));
    }

    @Test
    void setWritesJsonDumpsEscapes() {
        String edited = edit(JsonEdits.set("a", "\u00e9\uD83D\uDD11\"\\/\n\u0001\u007f"), "{\"a\": \"b\"}");

        assertThat(edited).isEqualTo("{\"a\": \"\\u00e9\\ud83d\\udd11\\\"\\\\/\\n\\u0001\\u007f\"}");
    }

    @Test
    void setReplacesValuesOfOtherTypes() {
        String body = "{\"n\": -12.5e3, \"b\": true, \"z\": null, \"o\": {\"x\": [1, {\"y\": 2}]}, \"s\": \"t\"}";

        assertThat(edit(JsonEdits.set("n", "1"), body)).isEqualTo(body.replace("-12.5e3", "\"1\""));
        assertThat(edit(JsonEdits.set("b", "1"), body)).isEqualTo(body.replace("true", "\"1\""));
        assertThat(edit(JsonEdits.set("z", "1"), body)).isEqualTo(body.replace("null", "\"1\""));
        assertThat(edit(JsonEdits.set("o", "1"), body)).isEqualTo(body.replace("{\"x\": [1, {\"y\": 2}]}", "\"1\""));
    }

    @Test
    void setMatchesDecodedMemberNames() {
        String edited = edit(JsonEdits.set("\u00e9", "v"), "{\"\\u00e9\": \"old\"}");

        assertThat(edited).isEqualTo("{\"\\u00e9\": \"v\"}");
    }

    @Test
    void setOnMissingMemberNamesMembers() {
        assertThatThrownBy(() -> edit(JsonEdits.set("serverSignature", "x"), "{\"error\": \"key_invalid\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no member \"serverSignature\"")
                .hasMessageContaining("[\"error\"]");
    }

    @Test
    void setOnDuplicateMemberIsAmbiguous() {
        assertThatThrownBy(() -> edit(JsonEdits.set("a", "x"), "{\"a\": \"1\", \"a\": \"2\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"a\" appears more than once");
    }

    @Test
    void removeFirstMember() {
        assertThat(edit(JsonEdits.remove("key"), REPLY))
                .isEqualTo(REPLY.replace("\"key\": \"APENL-4N9L1-2KA9D-3JX0-44LSK\", ", ""));
    }

    @Test
    void removeMiddleMember() {
        assertThat(edit(JsonEdits.remove("hmac"), REPLY)).isEqualTo(REPLY.replace("\"hmac\": \"00ff\", ", ""));
    }

    @Test
    void removeLastMember() {
        assertThat(edit(JsonEdits.remove("serverSignature"), REPLY))
                .isEqualTo(REPLY.replace(", \"serverSignature\": \"ee11\"", ""));
    }

    @Test
    void removeOnlyMember() {
        assertThat(edit(JsonEdits.remove("a"), "{\"a\": \"b\"}")).isEqualTo("{}");
    }

    @Test
    void removeKeepsOtherFormatting() {
        String body = "{\n  \"a\" : 1,\n  \"b\" : [true, false],\n  \"c\" : \"d\"\n}\n";

        assertThat(edit(JsonEdits.remove("b"), body)).isEqualTo("{\n  \"a\" : 1,\n  \"c\" : \"d\"\n}\n");
        assertThat(edit(JsonEdits.remove("c"), body)).isEqualTo("{\n  \"a\" : 1,\n  \"b\" : [true, false]\n}\n");
    }

    @Test
    void removeNumberAndLiteralMembers() {
        String body = "{\"a\": 12, \"b\": true, \"c\": null}";

        assertThat(edit(JsonEdits.remove("a"), body)).isEqualTo("{\"b\": true, \"c\": null}");
        assertThat(edit(JsonEdits.remove("b"), body)).isEqualTo("{\"a\": 12, \"c\": null}");
        assertThat(edit(JsonEdits.remove("c"), body)).isEqualTo("{\"a\": 12, \"b\": true}");
    }

    @Test
    void removeMissingMemberFails() {
        assertThatThrownBy(() -> edit(JsonEdits.remove("nonce"), "{\"key\": \"k\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no member \"nonce\"");
    }

    @Test
    void addAppendsAfterLastMember() {
        assertThat(edit(JsonEdits.add("valid", "true"), "{\"key\": \"k\"}"))
                .isEqualTo("{\"key\": \"k\", \"valid\": \"true\"}");
    }

    @Test
    void addToEmptyObject() {
        assertThat(edit(JsonEdits.add("valid", "true"), "{}")).isEqualTo("{\"valid\": \"true\"}");
    }

    @Test
    void addMakesDuplicateMember() {
        assertThat(edit(JsonEdits.add("key", "other"), "{\"key\": \"k\"}"))
                .isEqualTo("{\"key\": \"k\", \"key\": \"other\"}");
    }

    @Test
    void addKeepsTrailingFormatting() {
        assertThat(edit(JsonEdits.add("b", "c"), "{ \"a\": 1 }\n")).isEqualTo("{ \"a\": 1, \"b\": \"c\" }\n");
    }

    @Test
    void editsAreChainable() {
        BodyEdit dropAndAdd = JsonEdits.remove("key").andThen(JsonEdits.add("valid", "true"));

        assertThat(edit(dropAndAdd, "{\"key\": \"k\", \"nonce\": \"n\"}"))
                .isEqualTo("{\"nonce\": \"n\", \"valid\": \"true\"}");
    }

    @ParameterizedTest(name = "body {0}")
    @ValueSource(strings = {"", "[]", "\"text\"", "12", "{\"a\": 1} {}", "{\"a\": 1", "{\"a\" 1}", "not json"})
    void nonObjectBodyIsRejected(String body) {
        assertThatThrownBy(() -> edit(JsonEdits.add("a", "b"), body))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not one JSON object");
    }

    @Test
    void inputArrayIsNotModified() {
        byte[] body = REPLY.getBytes(StandardCharsets.UTF_8);
        byte[] copy = body.clone();

        JsonEdits.set("key", "x").apply(body);
        JsonEdits.remove("key").apply(body);
        JsonEdits.add("key", "x").apply(body);

        assertThat(body).isEqualTo(copy);
    }
}

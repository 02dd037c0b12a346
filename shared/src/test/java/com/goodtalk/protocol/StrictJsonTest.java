package com.goodtalk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void duplicateMemberRejected() {
        assertThatThrownBy(() -> StrictJson.parseObject(utf8("{\"key\": \"a\", \"key\": \"b\"}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("key");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON     | hello",
        "array        | [1, 2]",
        "string       | \"text\"",
        "trailing     | {\"a\": \"b\"} {}",
        "truncated    | {\"a\": ",
    })
    void nonObjectBodiesRejected(String name, String body) {
        assertThatThrownBy(() -> StrictJson.parseObject(utf8(body))).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void emptyBodyRejectedWithExpectation() {
        assertThatThrownBy(() -> StrictJson.parseObject(new byte[0]))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("expected a JSON object");
    }

    @Test
    void wrongTypeNamesMemberAndType() throws Exception {
        ObjectNode object = StrictJson.parseObject(utf8("{\"nonce\": 5}"));

        assertThatThrownBy(() -> StrictJson.requireString(object, "nonce"))
                .hasMessageContaining("\"nonce\"")
                .hasMessageContaining("number");
    }

    @Test
    void missingMemberNamed() throws Exception {
        ObjectNode object = StrictJson.parseObject(utf8("{}"));

        assertThatThrownBy(() -> StrictJson.requireString(object, "hmac")).hasMessageContaining("\"hmac\" is missing");
    }

    @Test
    void unicodeEscapesDecode() throws Exception {
        ObjectNode object = StrictJson.parseObject(utf8("{\"key\": \"CAF\\u00c9 \\ud83d\\udd11\"}"));

        assertThat(StrictJson.requireString(object, "key")).isEqualTo("CAF\u00c9 \ud83d\udd11");
    }
}

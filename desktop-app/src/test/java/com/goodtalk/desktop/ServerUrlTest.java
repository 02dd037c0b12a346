package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerUrlTest {

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:8080, http://127.0.0.1:8080",
        "'  http://127.0.0.1:8080/  ', http://127.0.0.1:8080",
        "HTTPS://license.example.com, https://license.example.com",
        "http://[::1]:9000, http://[::1]:9000",
    })
    void parseAcceptsHttpBaseUrls(String text, String expected) {
        assertThat(ServerUrl.parse(text)).isEqualTo(URI.create(expected));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void parseRejectsBlankUrl(String text) {
        assertThatThrownBy(() -> ServerUrl.parse(text))
                .isInstanceOf(InvalidServerUrlException.class)
                .hasMessage("Enter the server URL, for example http://127.0.0.1:8080.");
    }

    @ParameterizedTest
    @CsvSource({
        "localhost:8080, does not start with http:// or https://",
        "127.0.0.1, does not start with http:// or https://",
        "ftp://x, uses the scheme ftp",
        "http://, is not a valid URL",
        "http://exa mple.com, is not a valid URL",
        "http:///authenticate, has no valid host name",
        "http://127.0.0.1:99999, has the port 99999",
        "http://127.0.0.1:8080/api, has a path",
        "http://127.0.0.1:8080?x=1, has a path, query or fragment",
        "http://127.0.0.1:8080#top, has a path, query or fragment",
    })
    void parseRejectsUnusableUrl(String text, String expectedProblem) {
        assertThatThrownBy(() -> ServerUrl.parse(text))
                .isInstanceOf(InvalidServerUrlException.class)
                .hasMessageContaining("\"" + text + "\"")
                .hasMessageContaining(expectedProblem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8080"})
    void parseSuggestsSchemeForBareHost(String text) {
        assertThatThrownBy(() -> ServerUrl.parse(text)).hasMessageContaining("http://localhost:8080");
    }
}

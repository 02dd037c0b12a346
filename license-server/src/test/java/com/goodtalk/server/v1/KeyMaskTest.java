package com.goodtalk.server.v1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyMaskTest {

    @Test
    void keyWithGroupsShowsFirstGroup() {
        assertThat(KeyMask.mask("APENL-4N9L1-2KA9D-3JX0-44LSK")).isEqualTo("APENL-*****");
    }

    @Test
    void keyWithoutGroupsShowsFourCharacters() {
        assertThat(KeyMask.mask("APENL4N9L12KA9D3JX044LSK")).isEqualTo("APEN*");
    }

    @Test
    void enDashIsNotGroupSeparator() {
        assertThat(KeyMask.mask("APENL\u20134N9L1")).isEqualTo("APEN*");
    }

    @Test
    void longFirstGroupCutToHalfOfKey() {
        assertThat(KeyMask.mask("ABCDEFGH-IJ")).isEqualTo("ABCDE*");
    }

    @Test
    void shortKeyNeverShownWhole() {
        assertThat(KeyMask.mask("ABC")).isEqualTo("A*");
        assertThat(KeyMask.mask("A")).isEqualTo("*");
        assertThat(KeyMask.mask("AB-")).isEqualTo("A*");
    }

    @Test
    void emptyKeyNamedAsEmpty() {
        assertThat(KeyMask.mask("")).isEqualTo("(empty)");
    }

    @Test
    void controlCharactersInShownPartEscaped() {
        assertThat(KeyMask.mask("A\nB-CDEFGHIJ")).isEqualTo("A\\u000aB-*****");
    }

    @Test
    void astralCharacterNotSplit() {
        assertThat(KeyMask.mask("\uD83D\uDD11\uD83D\uDD11\uD83D\uDD11\uD83D\uDD11")).isEqualTo("\uD83D\uDD11\uD83D\uDD11*");
    }

    @Test
    void quotedTokensInParserMessageMasked() {
        String message = "Duplicate field 'APENL-4N9L1-2KA9D-3JX0-44LSK'";

        assertThat(KeyMask.maskQuotedTokens(message, 300)).isEqualTo("Duplicate field 'APENL-*****'");
    }

    @Test
    void jsonLiteralsAndSingleCharactersKept() {
        String message = "Unexpected character ('}' (code 125)): expected token 'null', 'true' or 'false'";

        assertThat(KeyMask.maskQuotedTokens(message, 300)).isEqualTo(message);
    }

    @Test
    void memberNamesKept() {
        assertThat(KeyMask.maskQuotedTokens("Duplicate field 'key'", 300)).isEqualTo("Duplicate field 'key'");
    }

    @Test
    void maskedMessageEscapedAndCut() {
        assertThat(KeyMask.maskQuotedTokens("line\nbreak 'SECRETKEY1234'", 300)).isEqualTo("line\\u000abreak 'SECR*'");
        assertThat(KeyMask.maskQuotedTokens("abcdef", 3)).isEqualTo("abc...(6 chars)");
    }
}

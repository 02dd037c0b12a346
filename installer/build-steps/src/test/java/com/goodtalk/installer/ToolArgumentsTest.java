package com.goodtalk.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolArgumentsTest {

    private static final Set<String> KNOWN = new LinkedHashSet<>(List.of("--input", "--output"));

    @Test
    void parseReadsRequiredAndOptionalValues() {
        ToolArguments arguments = ToolArguments.parse("step", KNOWN, "--input", "a/b");

        assertThat(arguments.requiredPath("--input")).isEqualTo(Path.of("a/b"));
        assertThat(arguments.optionalPath("--output")).isEmpty();
    }

    @Test
    void parseRejectsUnknownOption() {
        assertThatThrownBy(() -> ToolArguments.parse("step", KNOWN, "--inptu", "a"))
                .isInstanceOf(InstallerBuildException.class)
                .hasMessage("step: unknown option '--inptu'. It accepts --input, --output, each followed by a value.");
    }

    @Test
    void parseRejectsOptionWithoutValue() {
        assertThatThrownBy(() -> ToolArguments.parse("step", KNOWN, "--input"))
                .isInstanceOf(InstallerBuildException.class)
                .hasMessage("step: the option --input needs a value.");
    }

    @Test
    void parseRejectsRepeatedOption() {
        assertThatThrownBy(() -> ToolArguments.parse("step", KNOWN, "--input", "a", "--input", "b"))
                .isInstanceOf(InstallerBuildException.class)
                .hasMessage("step: the option --input is given twice.");
    }

    @Test
    void requiredRejectsAbsentOption() {
        ToolArguments arguments = ToolArguments.parse("step", KNOWN);

        assertThatThrownBy(() -> arguments.required("--output"))
                .isInstanceOf(InstallerBuildException.class)
                .hasMessage("step: the option --output is required.");
    }
}

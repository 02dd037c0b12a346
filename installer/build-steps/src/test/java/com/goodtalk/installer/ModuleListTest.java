package com.goodtalk.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleListTest {

    private static final Path SOURCE = Path.of("src/jlink/test.modules");

    @Test
    void parseKeepsModulesInFileOrder() {
        ModuleList list = ModuleList.parse(SOURCE, List.of(
                "# The modules of a test.",
                "",
                "java.net.http",
                "  java.base  # the base module",
                "jdk.crypto.ec"));

        assertThat(list.modules()).containsExactly("java.net.http", "java.base", "jdk.crypto.ec");
        assertThat(list.toAddModulesValue()).isEqualTo("java.net.http,java.base,jdk.crypto.ec");
    }

    @Test
    void parseRejectsLineThatIsNoModuleName() {
        assertThatThrownBy(() -> ModuleList.parse(SOURCE, List.of("java.base", "java.sql,java.xml")))
                .isInstanceOf(InstallerBuildException.class)
                .hasMessageContaining(SOURCE + " line 2")
                .hasMessageContaining("'java.sql,java.xml' is not a module name")
                .hasMessageContaining("one module name per line");
    }

    @Test
    void parseRejectsDuplicateModule() {
        assertThatThrownBy(() -> ModuleList.parse(SOURCE, List.of("java.base", "java.sql", "java.base")))
                .isInstanceOf(InstallerBuildException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("java.base is already listed on line 1");
    }

    @Test
    void parseRejectsListWithoutModules() {
        assertThatThrownBy(() -> ModuleList.parse(SOURCE, List.of("# only a comment", "")))
                .isInstanceOf(InstallerBuildException.class)
                .hasMessageContaining(SOURCE + " lists no module");
    }

    @Test
    void missingFromReturnsUnlistedModulesInGivenOrder() {
        ModuleList list = ModuleList.parse(SOURCE, List.of("java.base", "java.sql"));

        assertThat(list.missingFrom(List.of("java.xml", "java.base", "java.naming")))
                .containsExactly("java.xml", "java.naming");
        assertThat(list.missingFrom(List.of("java.sql"))).isEmpty();
    }

    @Test
    void readNamesFileThatDoesNotExist(@TempDir Path directory) {
        Path absent = directory.resolve("absent.modules");

        assertThatThrownBy(() -> ModuleList.read(absent))
                .isInstanceOf(InstallerBuildException.class)
                .hasMessageContaining("Could not read the module list " + absent);
    }
}

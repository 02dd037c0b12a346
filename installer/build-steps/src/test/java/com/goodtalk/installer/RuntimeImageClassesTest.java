package com.goodtalk.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeImageClassesTest {

    @Test
    void ofListsClassesOfThisJdk() {
        Set<String> classes = RuntimeImageClasses.of(Path.of(System.getProperty("java.home")));

        assertThat(classes).contains("java/lang/Object", "java/util/regex/Pattern", "java/util/Map$Entry");
        assertThat(classes).doesNotContain("com/goodtalk/installer/RuntimeImageClasses", "module-info");
    }

    @Test
    void ofRejectsDirectoryWithoutImage(@TempDir Path empty) {
        assertThatThrownBy(() -> RuntimeImageClasses.of(empty))
                .isInstanceOf(InstallerBuildException.class)
                .hasMessageContaining("Could not list the classes of the runtime image " + empty);
    }
}

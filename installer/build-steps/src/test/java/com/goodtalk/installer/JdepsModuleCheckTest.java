package com.goodtalk.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdepsModuleCheckTest {

    private static final Path LIST_FILE = Path.of("src/jlink/app.modules");

    /** A class that uses java.net.http and java.sql, which jdeps must find. */
    private static final Map<String, String> CLIENT_SOURCE = Map.of("demo/Client.java", """
            package demo;
            public class Client {
                public Object send() {
                    return java.net.http.HttpClient.newHttpClient();
                }
                public Object today() {
                    return new java.sql.Date(0L);
                }
            }
            """);

    @TempDir
    Path work;

    @Test
    void parseModuleDepsIgnoresWarningLines() {
        String output = "Warning: split package: demo jar1 jar2\njava.base,java.net.http,java.sql\n";

        assertThat(JdepsModuleCheck.parseModuleDeps(output)).containsExactly("java.base", "java.net.http", "java.sql");
    }

    @Test
    void parseModuleDepsRejectsOutputWithoutModuleLine() {
        assertThatThrownBy(() -> JdepsModuleCheck.parseModuleDeps("Error: no class files found\n"))
                .isInstanceOf(InstallerBuildException.class)
                .hasMessageContaining("found 0")
                .hasMessageContaining("Error: no class files found");
    }

    @Test
    void requireListedNamesMissingModulesAndFile() {
        ModuleList list = ModuleList.parse(LIST_FILE, List.of("java.base", "java.sql"));

        assertThatThrownBy(() -> JdepsModuleCheck.requireListed(list, Set.of("java.base", "java.net.http")))
                .isInstanceOf(InstallerBuildException.class)
                .hasMessageContaining("the application uses java.net.http, which " + LIST_FILE + " does not list")
                .hasMessageContaining("Add each to " + LIST_FILE);
    }

    @Test
    void requireListedAcceptsListWithExtraModules() {
        ModuleList list = ModuleList.parse(LIST_FILE, List.of("java.base", "java.sql", "jdk.crypto.ec"));

        JdepsModuleCheck.requireListed(list, Set.of("java.base", "java.sql"));
    }

    @Test
    void runJdepsFindsModulesThatClassesUse() throws IOException {
        Path jar = TestJars.write(work.resolve("jars/client.jar"), TestJars.compile(work.resolve("build"), CLIENT_SOURCE));

        Set<String> found = JdepsModuleCheck.runJdeps(List.of(jar), Optional.empty());

        assertThat(found).contains("java.net.http", "java.sql");
    }

    @Test
    void withoutModuleDescriptorsDropsOnlyDescriptors() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", bytes("Manifest-Version: 1.0\nMulti-Release: true\n"));
        entries.put("module-info.class", bytes("root descriptor"));
        entries.put("META-INF/versions/9/module-info.class", bytes("versioned descriptor"));
        entries.put("META-INF/versions/11/demo/Client.class", bytes("versioned class"));
        entries.put("demo/Client.class", bytes("class"));
        Path jar = TestJars.write(work.resolve("jars/library.jar"), entries);

        List<Path> copies = JdepsModuleCheck.withoutModuleDescriptors(List.of(jar), work.resolve("copies"));

        assertThat(copies).containsExactly(work.resolve("copies/library.jar"));
        try (ZipFile copy = new ZipFile(copies.get(0).toFile())) {
            assertThat(copy.stream().map(ZipEntry::getName)).containsExactly(
                    "META-INF/MANIFEST.MF", "META-INF/versions/11/demo/Client.class", "demo/Client.class");
        }
    }

    @Test
    void runWritesJlinkArgumentsWhenListCoversJdeps() throws IOException {
        TestJars.write(work.resolve("jars/client.jar"), TestJars.compile(work.resolve("build"), CLIENT_SOURCE));
        Path modules = Files.writeString(work.resolve("app.modules"), "java.base\njava.net.http\njava.sql\njdk.crypto.ec\n");
        Path jlinkArgs = work.resolve("out/modules.args");

        JdepsModuleCheck.run(arguments(modules, jlinkArgs));

        assertThat(Files.readAllLines(jlinkArgs)).endsWith("--add-modules", "java.base,java.net.http,java.sql,jdk.crypto.ec");
    }

    @Test
    void runFailsOnUnlistedModule() throws IOException {
        TestJars.write(work.resolve("jars/client.jar"), TestJars.compile(work.resolve("build"), CLIENT_SOURCE));
        Path modules = Files.writeString(work.resolve("app.modules"), "java.base\njava.sql\n");
        Path jlinkArgs = work.resolve("out/modules.args");

        assertThatThrownBy(() -> JdepsModuleCheck.run(arguments(modules, jlinkArgs)))
                .isInstanceOf(InstallerBuildException.class)
                .hasMessageContaining("the application uses java.net.http, which " + modules + " does not list");
        assertThat(jlinkArgs).doesNotExist();
    }

    private String[] arguments(Path modules, Path jlinkArgs) {
        return new String[] {
            "--modules", modules.toString(),
            "--class-path-dir", work.resolve("jars").toString(),
            "--work", work.resolve("jdeps-input").toString(),
            "--jlink-args", jlinkArgs.toString(),
        };
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

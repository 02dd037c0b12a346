package com.goodtalk.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The protocol library is embedded by vendors, so it stays free of server and GUI frameworks. */
class LibraryBoundaryTest {

    private static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.goodtalk.protocol");

    @Test
    void libraryImportsNoServerOrGuiFramework() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.undertow..", "javafx..", "org.xnio..", "com.goodtalk.server..",
                        "com.goodtalk.desktop..")
                .check(LIBRARY);
    }

    @Test
    void libraryDoesNotLog() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.slf4j..", "ch.qos.logback..", "java.util.logging..")
                .because("the library throws or reports in the trace; the application decides what to log")
                .check(LIBRARY);
    }
}

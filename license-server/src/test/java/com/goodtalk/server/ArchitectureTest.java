package com.goodtalk.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The server is a headless program, so it must not pull in the desktop toolkit. */
class ArchitectureTest {

    @Test
    void serverImportsNoJavaFx() {
        JavaClasses serverClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.goodtalk.server");

        noClasses().that().resideInAPackage("com.goodtalk.server..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(serverClasses);
    }
}

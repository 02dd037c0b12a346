package com.goodtalk.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Checks the library's package boundaries: JOSE primitives know nothing of the protocol, the
 * protocol knows nothing of the client, and no production class uses a server or GUI toolkit.
 */
class ProtocolLayeringTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.goodtalk.protocol");

    @Test
    void joseDependsOnNoProtocolVersion() {
        noClasses().that().resideInAPackage("..protocol.jose..")
                .should().dependOnClassesThat().resideInAnyPackage("..protocol.v1..", "..protocol.v2..",
                        "..protocol.client..")
                .check(PRODUCTION);
    }

    @Test
    void v2DependsNotOnClient() {
        noClasses().that().resideInAPackage("..protocol.v2..")
                .should().dependOnClassesThat().resideInAPackage("..protocol.client..")
                .check(PRODUCTION);
    }

    @Test
    void libraryUsesNoServerOrGuiToolkit() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.undertow..", "javafx..",
                        "com.sun.net.httpserver..")
                .check(PRODUCTION);
    }
}

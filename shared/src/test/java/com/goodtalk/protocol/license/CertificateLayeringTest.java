package com.goodtalk.protocol.license;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Certificates build on the JOSE primitives only, so a client can verify one without the v2 client. */
class CertificateLayeringTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.goodtalk.protocol");

    @Test
    void licenseDependsOnNoProtocolVersionOrClient() {
        noClasses().that().resideInAPackage("..protocol.license..")
                .should().dependOnClassesThat().resideInAnyPackage("..protocol.v1..", "..protocol.v2..",
                        "..protocol.client..")
                .check(PRODUCTION);
    }
}

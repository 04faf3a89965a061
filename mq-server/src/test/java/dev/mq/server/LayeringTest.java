package dev.mq.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker and name server are plain Java on top of mq-store and mq-protocol; only the
 * application shell ({@code dev.mq.server}, {@code dev.mq.server.config}) knows Spring. The server
 * never uses client-side modules.
 */
class LayeringTest {

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.mq.server");

    static final ArchRule CORE_IS_FRAMEWORK_FREE = noClasses()
            .that().resideInAnyPackage("dev.mq.server.broker..", "dev.mq.server.namesrv..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.micrometer..");

    static final ArchRule NO_CLIENT_SIDE_MODULES = noClasses()
            .that().resideInAPackage("dev.mq.server..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.mq.client..", "dev.mq.spring..",
                    "dev.mq.console..", "dev.mq.bench..");

    @Test
    void brokerAndNameServerDoNotUseSpringOrMicrometer() {
        CORE_IS_FRAMEWORK_FREE.check(SERVER);
    }

    @Test
    void theServerUsesNoClientSideModule() {
        NO_CLIENT_SIDE_MODULES.check(SERVER);
    }

    @Test
    void theRulesCanFail() {
        JavaClasses shell = new ClassFileImporter().importClasses(MqServer.class);
        // the shell itself uses Spring: a rule aimed at it must report that
        assertThat(noClasses().that().resideInAPackage("dev.mq.server")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .evaluate(shell).hasViolation()).isTrue();
        assertThat(SERVER.contain(dev.mq.server.broker.Broker.class)).isTrue();
    }
}

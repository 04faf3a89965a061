package dev.mq.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import dev.mq.client.internal.ClientCore;

import org.junit.jupiter.api.Test;

/**
 * The starter stands on the client's public API only: never on its internals, the protocol, the
 * store, the server or the test support.
 */
class LayeringTest {

    static final ArchRule ONLY_THE_CLIENT_API = noClasses()
            .that().resideInAPackage("dev.mq.spring..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.mq.client.internal..", "dev.mq.protocol..",
                    "dev.mq.store..", "dev.mq.server..", "dev.mq.test..", "dev.mq.console..")
            .because("the starter adds Spring to the client; what it needs of the wire belongs in mq-client's API");

    @Test
    void theStarterUsesOnlyTheClientsPublicApi() {
        JavaClasses production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.mq.spring");
        assertThat(production.contain(MqTemplate.class)).isTrue();

        ONLY_THE_CLIENT_API.check(production);
    }

    @Test
    void theRuleCanFail() {
        JavaClasses fixture = new ClassFileImporter().importClasses(UsesClientInternals.class);

        assertThat(ONLY_THE_CLIENT_API.evaluate(fixture).hasViolation()).isTrue();
    }

    /** Breaks the rule. */
    static final class UsesClientInternals {

        String describe(ClientCore core) {
            return core.toString();
        }
    }
}

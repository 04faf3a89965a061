package dev.mq.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import dev.mq.server.broker.Broker;

import org.junit.jupiter.api.Test;

/**
 * {@code mq-test} starts the server through its one embedding API ({@code dev.mq.server.EmbeddedServer})
 * and never reaches into the broker, the store or the client side.
 */
class LayeringTest {

    static final ArchRule ONLY_THE_EMBEDDING_API = noClasses()
            .that().resideInAPackage("dev.mq.test..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.mq.server.broker..", "dev.mq.server.namesrv..",
                    "dev.mq.store..", "dev.mq.client..", "dev.mq.spring..", "dev.mq.console..")
            .because("tests of applications see the server only through EmbeddedServer");

    @Test
    void theTestSupportUsesOnlyTheEmbeddingApi() {
        JavaClasses production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.mq.test");
        assertThat(production.contain(EmbeddedMqExtension.class)).isTrue();

        ONLY_THE_EMBEDDING_API.check(production);
    }

    @Test
    void theRuleCanFail() {
        JavaClasses fixture = new ClassFileImporter().importClasses(UsesTheBroker.class);

        assertThat(ONLY_THE_EMBEDDING_API.evaluate(fixture).hasViolation()).isTrue();
    }

    /** Breaks the rule. */
    static final class UsesTheBroker {

        int port(Broker broker) {
            return broker.port();
        }
    }
}

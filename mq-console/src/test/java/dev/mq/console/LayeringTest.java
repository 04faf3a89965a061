package dev.mq.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import dev.mq.client.internal.ClientCore;

import org.junit.jupiter.api.Test;

/**
 * The console talks to clusters only through the client's public API (its admin requests), so it
 * serves our server and Apache RocketMQ alike: never the client's internals, the protocol, the
 * store, the server or the starter.
 */
class LayeringTest {

    static final ArchRule ONLY_THE_CLIENT_API = noClasses()
            .that().resideInAPackage("dev.mq.console..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.mq.client.internal..", "dev.mq.protocol..",
                    "dev.mq.store..", "dev.mq.server..", "dev.mq.test..", "dev.mq.spring..")
            .because("what the console needs of a cluster belongs in mq-client's admin API");

    @Test
    void theConsoleUsesOnlyTheClientsPublicApi() {
        JavaClasses production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.mq.console");
        assertThat(production.contain(ConsoleApplication.class)).isTrue();

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

package dev.mq.client;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.mq.client.internal.ClientCore;
import dev.mq.client.internal.consumer.OffsetDirectories;
import dev.mq.protocol.RemotingCommand;
import dev.mq.server.EmbeddedServer;
import io.netty.buffer.ByteBuf;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rules of {@code mq-client} (design.md, section 2): the client uses the JDK, the
 * transport and wire format ({@code mq-protocol}) and the message model ({@code mq-message}) only;
 * never Netty directly, Spring, the server, the store or the official client; and no process-wide
 * settings read from system properties or the environment.
 *
 * <p>Each rule is also run against a fixture that breaks it, so that a rule which can no longer
 * fail (a mistyped package, for instance) is noticed.
 */
class LayeringTest {

    private static final String CLIENT = "dev.mq.client..";

    /** The positive form: JDK, mq-protocol and mq-message. */
    static final ArchRule CLIENT_USES_ONLY_JDK_PROTOCOL_AND_MESSAGE = classes()
            .that().resideInAPackage(CLIENT)
            .should().onlyDependOnClassesThat().resideInAnyPackage(CLIENT, "dev.mq.protocol..", "dev.mq.message..",
                    "java..")
            .because("mq-client is small and free of other dependency trees: the JDK, mq-protocol and mq-message only");

    /** The named offenders, for a clearer message. */
    static final ArchRule CLIENT_USES_NO_SPRING_SERVER_STORE_NETTY_OR_OFFICIAL_CLIENT = noClasses()
            .that().resideInAPackage(CLIENT)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "dev.mq.server..",
                    "dev.mq.store..", "org.apache.rocketmq..", "io.netty..")
            .because("mq-client must not pull in Spring, the server, the store, Netty or the official client");

    /**
     * Settings come through builders, never from the process (the official client's static properties).
     * One class is exempt: {@link OffsetDirectories} reads {@code user.home}, where the process runs
     * (the default directory of broadcasting offsets), which is a fact, not a setting.
     */
    static final ArchRule CLIENT_READS_NO_SYSTEM_PROPERTIES = noClasses()
            .that().resideInAPackage(CLIENT)
            .and().doNotHaveFullyQualifiedName(OffsetDirectories.class.getName())
            .should().callMethod(System.class, "getProperty", String.class)
            .orShould().callMethod(System.class, "getProperty", String.class, String.class)
            .orShould().callMethod(System.class, "getenv", String.class)
            .because("every setting of the client goes through a builder, none is process-wide");

    private static JavaClasses productionClasses;

    @BeforeAll
    static void importProductionClasses() {
        productionClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.mq.client");
    }

    @Test
    void importCoversProductionClassesAndNoTestClasses() {
        assertThat(productionClasses.contain(MqClient.class)).isTrue();
        assertThat(productionClasses.contain(ClientCore.class)).isTrue();
        assertThat(productionClasses.contain(LayeringTest.class)).isFalse();
    }

    @Test
    void clientDependsOnlyOnJdkProtocolAndMessage() {
        CLIENT_USES_ONLY_JDK_PROTOCOL_AND_MESSAGE.check(productionClasses);
    }

    @Test
    void clientDependsOnNoSpringServerStoreNettyOrOfficialClient() {
        CLIENT_USES_NO_SPRING_SERVER_STORE_NETTY_OR_OFFICIAL_CLIENT.check(productionClasses);
    }

    @Test
    void clientReadsNoSystemProperties() {
        CLIENT_READS_NO_SYSTEM_PROPERTIES.check(productionClasses);
    }

    @Test
    void bothDependencyRulesReportEachForbiddenNeighbour() {
        for (Class<?> fixture : List.of(ClientClassUsingTheServer.class, ClientClassUsingSpring.class,
                ClientClassUsingNetty.class, ClientClassUsingTheOfficialClient.class)) {
            JavaClasses imported = new ClassFileImporter().importClasses(fixture);
            for (ArchRule rule : List.of(CLIENT_USES_ONLY_JDK_PROTOCOL_AND_MESSAGE,
                    CLIENT_USES_NO_SPRING_SERVER_STORE_NETTY_OR_OFFICIAL_CLIENT)) {
                assertViolation(rule.evaluate(imported), fixture);
            }
        }
    }

    @Test
    void theSystemPropertyRuleReportsAClassReadingOne() {
        JavaClasses imported = new ClassFileImporter().importClasses(ClientClassReadingASystemProperty.class);

        assertViolation(CLIENT_READS_NO_SYSTEM_PROPERTIES.evaluate(imported), ClientClassReadingASystemProperty.class);
    }

    @Test
    void rulesAcceptAClassUsingTheProtocol() {
        JavaClasses imported = new ClassFileImporter().importClasses(ClientClassUsingTheProtocol.class);

        for (ArchRule rule : List.of(CLIENT_USES_ONLY_JDK_PROTOCOL_AND_MESSAGE,
                CLIENT_USES_NO_SPRING_SERVER_STORE_NETTY_OR_OFFICIAL_CLIENT, CLIENT_READS_NO_SYSTEM_PROPERTIES)) {
            assertThat(rule.evaluate(imported).hasViolation()).as(rule.getDescription()).isFalse();
        }
    }

    private static void assertViolation(EvaluationResult result, Class<?> fixture) {
        assertThat(result.hasViolation()).as("violation reported for " + fixture.getSimpleName()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(detail -> assertThat(detail).contains(fixture.getSimpleName()));
    }

    // ---- fixtures (test classes, so never part of the production import) ----

    /** Breaks the layering: uses the server. */
    static final class ClientClassUsingTheServer {
        String address(EmbeddedServer server) {
            return server.namesrvAddress();
        }
    }

    /** Breaks the layering: uses Spring. */
    static final class ClientClassUsingSpring {
        Object bind(Binder binder) {
            return binder.bind("mq.client", String.class);
        }
    }

    /** Breaks the layering: uses Netty directly. */
    static final class ClientClassUsingNetty {
        int readable(ByteBuf buffer) {
            return buffer.readableBytes();
        }
    }

    /** Breaks the layering: uses the official client. */
    static final class ClientClassUsingTheOfficialClient {
        String group(DefaultMQProducer producer) {
            return producer.getProducerGroup();
        }
    }

    /** Breaks the no-global-settings rule. */
    static final class ClientClassReadingASystemProperty {
        String timeout() {
            return System.getProperty("mq.client.timeout");
        }
    }

    /** Follows every rule. */
    static final class ClientClassUsingTheProtocol {
        int code(RemotingCommand command) {
            return command.code();
        }
    }
}

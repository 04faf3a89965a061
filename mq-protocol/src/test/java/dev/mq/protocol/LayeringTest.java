package dev.mq.protocol;

import dev.mq.store.layeringfixture.ForeignStoreType;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rules of {@code mq-protocol} (design.md, section 2): the wire format and Netty
 * transport use the JDK, Netty, Jackson and the message model ({@code mq-message}) only, never
 * Spring or another project module.
 *
 * <p>Each rule is also run against a fixture that breaks it, so that a rule which can no longer
 * fail (a mistyped package, for instance) is noticed.
 */
class LayeringTest {

    private static final String PROTOCOL = "dev.mq.protocol..";
    private static final String MESSAGE = "dev.mq.message..";
    private static final String LIFECYCLE = "dev.mq.lifecycle..";

    private static final DescribedPredicate<JavaClass> SPRING_OR_OTHER_MODULE =
            resideInAPackage("org.springframework..")
                    .or(resideInAPackage("dev.mq..").and(not(resideInAnyPackage(PROTOCOL, MESSAGE, LIFECYCLE))))
                    .as("Spring or a project package outside dev.mq.protocol.. and dev.mq.message..");

    /** mq-protocol sits just above mq-message; it does not use the store. */
    static final ArchRule PROTOCOL_USES_NO_SPRING_OR_OTHER_MODULE = noClasses()
            .that().resideInAPackage(PROTOCOL)
            .should().dependOnClassesThat(SPRING_OR_OTHER_MODULE)
            .because("mq-protocol is shared by server and client and must not pull in Spring or the store");

    /** The positive form: the JDK, Netty, Jackson and the message model only. */
    static final ArchRule PROTOCOL_USES_ONLY_JDK_NETTY_AND_JACKSON_CORE = classes()
            .that().resideInAPackage(PROTOCOL)
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage(PROTOCOL, MESSAGE, LIFECYCLE, "java..", "io.netty..", "tools.jackson..",
                    "com.fasterxml.jackson.annotation..")
            .because("mq-protocol may use only the JDK, Netty, Jackson and mq-message");

    private static JavaClasses productionClasses;

    @BeforeAll
    static void importProductionClasses() {
        productionClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.mq.protocol");
    }

    @Test
    void importCoversProductionClassesAndNoTestClasses() {
        assertThat(productionClasses.contain(RemotingCommand.class)).isTrue();
        assertThat(productionClasses.contain(RemotingServer.class)).isTrue();
        assertThat(productionClasses.contain(LayeringTest.class)).isFalse();
    }

    @Test
    void protocolDependsOnNoSpringAndNoOtherModule() {
        PROTOCOL_USES_NO_SPRING_OR_OTHER_MODULE.check(productionClasses);
    }

    @Test
    void protocolDependsOnlyOnJdkNettyAndJacksonCore() {
        PROTOCOL_USES_ONLY_JDK_NETTY_AND_JACKSON_CORE.check(productionClasses);
    }

    @Test
    void rulesReportAProtocolClassUsingAnotherModule() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ProtocolClassUsingAnotherModule.class);

        for (ArchRule rule : List.of(PROTOCOL_USES_NO_SPRING_OR_OTHER_MODULE,
                PROTOCOL_USES_ONLY_JDK_NETTY_AND_JACKSON_CORE)) {
            assertViolationMentions(rule.evaluate(fixture), ForeignStoreType.class);
        }
    }

    @Test
    void onlyRuleReportsAThirdPartyLibrary() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ProtocolClassUsingAThirdPartyLibrary.class);

        assertViolationMentions(PROTOCOL_USES_ONLY_JDK_NETTY_AND_JACKSON_CORE.evaluate(fixture), ArchRule.class);
    }

    @Test
    void rulesAcceptAProtocolClassUsingNetty() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ProtocolClassUsingNetty.class);

        assertThat(PROTOCOL_USES_NO_SPRING_OR_OTHER_MODULE.evaluate(fixture).hasViolation()).isFalse();
        assertThat(PROTOCOL_USES_ONLY_JDK_NETTY_AND_JACKSON_CORE.evaluate(fixture).hasViolation()).isFalse();
    }

    private static void assertViolationMentions(EvaluationResult result, Class<?> forbiddenTarget) {
        assertThat(result.hasViolation()).as("violation reported").isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(detail -> assertThat(detail).contains(forbiddenTarget.getName()));
    }

    // ---- fixtures (test classes, so never part of the production import) ----

    /** Breaks the layering: a protocol class using a class of another project module. */
    static final class ProtocolClassUsingAnotherModule {

        int size(ForeignStoreType store) {
            return store.size();
        }
    }

    /** Breaks the JDK-Netty-Jackson-only rule without touching a named forbidden package. */
    static final class ProtocolClassUsingAThirdPartyLibrary {

        String describe(ArchRule rule) {
            return rule.getDescription();
        }
    }

    /** Follows every rule. */
    static final class ProtocolClassUsingNetty {

        int readable(ByteBuf buffer) {
            return buffer.readableBytes();
        }
    }
}

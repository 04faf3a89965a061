package dev.mq.message;

import dev.mq.message.record.RecordView;
import dev.mq.protocol.layeringfixture.ForeignCommand;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rule of {@code mq-message} (docs/architecture.md, section 1): the message model is
 * the bottom module, shared by store, protocol, server and client, and uses nothing but the JDK.
 *
 * <p>The rule is also run against fixtures that break it, so that a rule which can no longer fail
 * (a mistyped package, for instance) is noticed.
 */
class LayeringTest {

    /** Only the JDK: no other project module, no library. */
    static final ArchRule MESSAGE_USES_ONLY_THE_JDK = classes()
            .that().resideInAnyPackage("dev.mq.message..", "dev.mq.lifecycle..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.mq.message..", "dev.mq.lifecycle..", "java..")
            .because("mq-message sits below every other module and must stay plain Java");

    private static JavaClasses productionClasses;

    @BeforeAll
    static void importProductionClasses() {
        productionClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.mq.message", "dev.mq.lifecycle");
    }

    @Test
    void importCoversProductionClassesAndNoTestClasses() {
        assertThat(productionClasses.contain(RecordView.class)).isTrue();
        assertThat(productionClasses.contain(MessageProperties.class)).isTrue();
        assertThat(productionClasses.contain(dev.mq.lifecycle.PeriodicService.class)).isTrue();
        assertThat(productionClasses.contain(LayeringTest.class)).isFalse();
    }

    @Test
    void messageModelDependsOnlyOnTheJdk() {
        MESSAGE_USES_ONLY_THE_JDK.check(productionClasses);
    }

    @Test
    void ruleReportsAMessageClassUsingAnotherModule() {
        JavaClasses fixture = new ClassFileImporter().importClasses(MessageClassUsingAnotherModule.class);

        assertViolationMentions(MESSAGE_USES_ONLY_THE_JDK.evaluate(fixture), ForeignCommand.class);
    }

    @Test
    void ruleReportsAMessageClassUsingALibrary() {
        JavaClasses fixture = new ClassFileImporter().importClasses(MessageClassUsingALibrary.class);

        assertViolationMentions(MESSAGE_USES_ONLY_THE_JDK.evaluate(fixture), ArchRule.class);
    }

    @Test
    void ruleAcceptsAMessageClassUsingTheJdk() {
        JavaClasses fixture = new ClassFileImporter().importClasses(MessageClassUsingTheJdk.class);

        assertThat(MESSAGE_USES_ONLY_THE_JDK.evaluate(fixture).hasViolation()).isFalse();
    }

    private static void assertViolationMentions(EvaluationResult result, Class<?> forbiddenTarget) {
        assertThat(result.hasViolation()).as("violation reported").isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(detail -> assertThat(detail).contains(forbiddenTarget.getName()));
    }

    // ---- fixtures (test classes, so never part of the production import) ----

    /** Breaks the rule: a message class using a class of another project module. */
    static final class MessageClassUsingAnotherModule {

        int code(ForeignCommand command) {
            return command.code();
        }
    }

    /** Breaks the rule with a third-party library. */
    static final class MessageClassUsingALibrary {

        String describe(ArchRule rule) {
            return rule.getDescription();
        }
    }

    /** Follows the rule. */
    static final class MessageClassUsingTheJdk {

        int size(ByteBuffer record) {
            return new RecordView().wrap(record, 0).totalSize();
        }
    }
}

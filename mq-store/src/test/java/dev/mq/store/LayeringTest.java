package dev.mq.store;

import dev.mq.message.record.RecordView;
import dev.mq.protocol.layeringfixture.ForeignProtocolFrame;
import dev.mq.store.state.JsonStateFile;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rules of {@code mq-store} (design.md, section 2): a pure-Java storage engine that
 * uses the JDK, Jackson and the message model ({@code mq-message}, the one project module below
 * it) only, never Spring, Netty or another project module.
 *
 * <p>The rules are checked against the production classes, and each rule is also run against a
 * small fixture that breaks it, so that a rule which can no longer fail (a mistyped package, for
 * instance) is noticed.
 */
class LayeringTest {

    // ---- the rules: the one place where the layering of mq-store is defined ----

    private static final String STORE = "dev.mq.store..";
    private static final String MESSAGE = "dev.mq.message..";
    private static final String LIFECYCLE = "dev.mq.lifecycle..";

    private static final DescribedPredicate<JavaClass> FRAMEWORK_OR_OTHER_MODULE =
            resideInAnyPackage("org.springframework..", "io.netty..")
                    .or(resideInAPackage("dev.mq..").and(not(resideInAnyPackage(STORE, MESSAGE, LIFECYCLE))))
                    .as("Spring, Netty or a project package outside dev.mq.store.., dev.mq.message.. and dev.mq.lifecycle..");

    /** mq-store sits just above mq-message, below every other module. */
    static final ArchRule STORE_USES_NO_FRAMEWORK_OR_OTHER_MODULE = noClasses()
            .that().resideInAPackage(STORE)
            .should().dependOnClassesThat(FRAMEWORK_OR_OTHER_MODULE)
            .because("mq-store is a pure-Java engine below every other module");

    /** The positive form of the rule above: nothing but the JDK, Jackson 3 and the message model. */
    static final ArchRule STORE_USES_ONLY_JDK_AND_JACKSON = classes()
            .that().resideInAPackage(STORE)
            .should().onlyDependOnClassesThat().resideInAnyPackage(STORE, MESSAGE, LIFECYCLE, "java..",
                    "com.sun.management..", "tools.jackson..")
            .because("mq-store may use only the JDK (with its management extension, which tells the physical "
                    + "memory), Jackson (for small JSON state files) and mq-message");

    // ---- checks against the production classes ----

    private static JavaClasses productionClasses;

    @BeforeAll
    static void importProductionClasses() {
        productionClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.mq.store");
    }

    @Test
    void importCoversProductionClassesAndNoTestClasses() {
        assertThat(productionClasses.contain(JsonStateFile.class)).isTrue();
        assertThat(productionClasses.contain(LayeringTest.class)).isFalse();
    }

    @Test
    void storeDependsOnNoFrameworkAndNoOtherModule() {
        STORE_USES_NO_FRAMEWORK_OR_OTHER_MODULE.check(productionClasses);
    }

    @Test
    void storeDependsOnlyOnJdkAndJackson() {
        STORE_USES_ONLY_JDK_AND_JACKSON.check(productionClasses);
    }

    // ---- the rules can fail ----

    @Test
    void rulesReportAStoreClassUsingAnotherModule() {
        JavaClasses fixture = new ClassFileImporter().importClasses(StoreClassUsingAnotherModule.class);

        for (ArchRule rule : List.of(STORE_USES_NO_FRAMEWORK_OR_OTHER_MODULE, STORE_USES_ONLY_JDK_AND_JACKSON)) {
            assertViolationMentions(rule.evaluate(fixture), ForeignProtocolFrame.class);
        }
    }

    @Test
    void onlyJdkAndJacksonRuleReportsAThirdPartyLibrary() {
        JavaClasses fixture = new ClassFileImporter().importClasses(StoreClassUsingAThirdPartyLibrary.class);

        assertViolationMentions(STORE_USES_ONLY_JDK_AND_JACKSON.evaluate(fixture), ArchRule.class);
    }

    @Test
    void rulesAcceptAStoreClassUsingOnlyJdkAndJackson() {
        JavaClasses fixture = new ClassFileImporter().importClasses(StoreClassUsingOnlyJdkAndJackson.class);

        assertThat(STORE_USES_NO_FRAMEWORK_OR_OTHER_MODULE.evaluate(fixture).hasViolation()).isFalse();
        assertThat(STORE_USES_ONLY_JDK_AND_JACKSON.evaluate(fixture).hasViolation()).isFalse();
    }

    private static void assertViolationMentions(EvaluationResult result, Class<?> forbiddenTarget) {
        assertThat(result.hasViolation()).as("violation reported").isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(detail -> assertThat(detail).contains(forbiddenTarget.getName()));
    }

    // ---- fixtures (test classes, so never part of the production import) ----

    /** Breaks the layering: a store class using a class of another project module. */
    static final class StoreClassUsingAnotherModule {

        int frameCode(ForeignProtocolFrame frame) {
            return frame.code();
        }
    }

    /** Breaks the JDK-and-Jackson-only rule without touching a named forbidden package. */
    static final class StoreClassUsingAThirdPartyLibrary {

        String describe(ArchRule rule) {
            return rule.getDescription();
        }
    }

    /** Follows every rule. */
    static final class StoreClassUsingOnlyJdkAndJackson {

        String toJson(List<String> values) {
            return JsonMapper.shared().writeValueAsString(values);
        }

        int queueOf(RecordView record) {
            return record.queueId();
        }
    }
}

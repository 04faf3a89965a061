package dev.mq.apache.harness;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

import dev.mq.protocol.RemotingClient;

import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of {@code mq-apache-harness}: its classes use the JDK and {@code mq-protocol}
 * only. In particular none uses Apache RocketMQ's classes, which only the child JVMs load; a
 * consumer therefore needs nothing of Apache's on its classpath. The rule is also run against a
 * fixture that breaks it, so that a rule which can no longer fail is noticed.
 */
class LayeringTest {

    static final ArchRule HARNESS_USES_ONLY_JDK_AND_PROTOCOL = classes()
            .that().resideInAPackage("dev.mq.apache.harness..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("dev.mq.apache.harness..", "dev.mq.protocol..", "java..")
            .because("the harness is a test dependency of other modules and must not bring Apache's jars or anything else");

    @Test
    void harnessDependsOnlyOnTheJdkAndMqProtocol() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.mq.apache.harness");
        assertThat(production.contain(ApacheRocketMq.class)).isTrue();
        assertThat(production.contain(LayeringTest.class)).isFalse();

        HARNESS_USES_ONLY_JDK_AND_PROTOCOL.check(production);
    }

    @Test
    void theRuleReportsAHarnessClassUsingApache() {
        EvaluationResult result = HARNESS_USES_ONLY_JDK_AND_PROTOCOL.evaluate(
                new ClassFileImporter().importClasses(HarnessClassUsingApache.class, HarnessClassUsingTheProtocol.class));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(detail -> assertThat(detail).contains(Message.class.getName()))
                .noneSatisfy(detail -> assertThat(detail).contains(RemotingClient.class.getName()));
    }

    /** Breaks the rule. */
    static final class HarnessClassUsingApache {

        byte[] body(Message message) {
            return message.getBody();
        }
    }

    /** Follows the rule. */
    static final class HarnessClassUsingTheProtocol {

        void close(RemotingClient client) {
            client.close();
        }
    }
}

package dev.mq.spring.listener;

import dev.mq.spring.annotation.MqDlqHandler;
import dev.mq.spring.annotation.MqListener;
import dev.mq.spring.autoconfigure.MqAutoConfiguration;
import dev.mq.spring.autoconfigure.MqIdempotencyAutoConfiguration;
import dev.mq.spring.autoconfigure.MqListenerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Mistakes a listener declaration can have stop the start, naming the bean and method. */
class ListenerStartupFailureTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MqAutoConfiguration.class, MqIdempotencyAutoConfiguration.class,
                    MqListenerAutoConfiguration.class))
            .withPropertyValues("mq.listener.auto-startup=false");

    record Order(String id) {
    }

    static class NoGroup {
        @MqListener(topic = "Orders", group = "${missing.group:}")
        void on(String order) {
        }
    }

    static class BadSpel {
        @MqListener(topic = "Orders", group = "g", idempotencyKey = "properties['id'")
        void on(String order) {
        }
    }

    static class TwoPayloads {
        @MqListener(topic = "Orders", group = "g")
        void on(String order, Order other) {
        }
    }

    static class BatchWithoutList {
        @MqListener(topic = "Orders", group = "g", batchSize = 8)
        void on(Order order) {
        }
    }

    static class DlqWithoutListener {
        @MqListener(topic = "Orders", group = "billing")
        void on(String order) {
        }

        @MqDlqHandler(group = "shipping")
        void dead(String order) {
        }
    }

    static class SameGroupTwice {
        @MqListener(topic = "Orders", group = "g")
        void orders(String order) {
        }

        @MqListener(topic = "Payments", group = "g")
        void payments(String payment) {
        }
    }

    static class BadConcurrency {
        @MqListener(topic = "Orders", group = "g", concurrency = "${threads:many}")
        void on(String order) {
        }
    }

    static class BadAutoStartup {
        @MqListener(topic = "Orders", group = "g", autoStartup = "sometimes")
        void on(String order) {
        }
    }

    static class DlqWithTwoParameters {
        @MqListener(topic = "Orders", group = "g")
        void on(String order) {
        }

        @MqDlqHandler(group = "g")
        void dead(String order, String more) {
        }
    }

    @Test
    void aMissingGroup() {
        fails(NoGroup.class, "bean 'bean' method NoGroup.on(String)", "names no group");
    }

    @Test
    void badSpelInTheIdempotencyKey() {
        fails(BadSpel.class, "bean 'bean' method BadSpel.on(String)", "idempotencyKey 'properties['id'' is not a valid SpEL");
    }

    @Test
    void twoPayloadParameters() {
        fails(TwoPayloads.class, "bean 'bean' method TwoPayloads.on(String, Order)", "more than one payload parameter");
    }

    @Test
    void aBatchListenerThatDoesNotTakeAList() {
        fails(BatchWithoutList.class, "BatchWithoutList.on(Order)", "List<payload type>");
    }

    @Test
    void aDeadLetterHandlerForAGroupWithoutListener() {
        fails(DlqWithoutListener.class, "@MqDlqHandler bean 'bean' method DlqWithoutListener.dead(String)",
                "group 'shipping', but no @MqListener");
    }

    @Test
    void twoListenersOfOneGroup() {
        fails(SameGroupTwice.class, "uses group 'g'", "one listener per consumer group");
    }

    @Test
    void aConcurrencyThatIsNoNumber() {
        fails(BadConcurrency.class, "BadConcurrency.on(String)", "concurrency must be a whole number, got 'many'");
    }

    @Test
    void anAutoStartupThatIsNoBoolean() {
        fails(BadAutoStartup.class, "BadAutoStartup.on(String)", "autoStartup must be true or false");
    }

    @Test
    void aDeadLetterHandlerWithTwoParameters() {
        fails(DlqWithTwoParameters.class, "DlqWithTwoParameters.dead(String, String)", "exactly one parameter");
    }

    @Test
    void aListWithoutBatchesIsOnePayload() {
        runner.withBean("bean", ListPayload.class).run(context -> assertThat(context).hasNotFailed());
    }

    static class ListPayload {
        @MqListener(topic = "Orders", group = "g")
        void on(List<Order> orders) {
        }
    }

    private void fails(Class<?> beanClass, String... fragments) {
        runner.withBean("bean", beanClass).run(context -> {
            assertThat(context).hasFailed();
            for (String fragment : fragments) {
                assertThat(context).getFailure().hasStackTraceContaining(fragment);
            }
        });
    }
}

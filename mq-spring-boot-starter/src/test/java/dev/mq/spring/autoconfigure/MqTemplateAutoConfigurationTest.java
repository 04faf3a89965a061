package dev.mq.spring.autoconfigure;

import dev.mq.spring.MqLocalTransaction;
import dev.mq.spring.MqTemplate;
import dev.mq.spring.TransactionState;
import dev.mq.spring.annotation.MqTransactionListener;
import dev.mq.spring.observation.DefaultMqSendObservationConvention;
import dev.mq.spring.observation.MqSendObservationConvention;
import dev.mq.spring.observation.MqSendObserver;
import dev.mq.spring.observation.SendMode;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import dev.mq.spring.support.MqProducers;
import dev.mq.spring.support.MqTransactionListenerRegistrar;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqTemplateAutoConfigurationTest {

    /** No server listens here: nothing in these tests sends. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("mq.namesrv=127.0.0.1:1")
            .withConfiguration(AutoConfigurations.of(MqAutoConfiguration.class, MqTemplateAutoConfiguration.class));

    @Test
    void theTemplateIsPresentWithoutAnySettingAndItsSendsNameTheMissingGroup() {
        runner.run(context -> {
            MqTemplate template = context.getBean(MqTemplate.class);
            assertThat(template.getProducerGroup()).isNull();
            assertThatThrownBy(() -> template.send("Orders", "x")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("mq.producer.group");
            assertThat(template.withProducerGroup("billing").getProducerGroup()).isEqualTo("billing");
        });
    }

    @Test
    void withoutADataSourceSendsBoundToATransactionSayWhatTheyNeed() {
        runner.withPropertyValues("mq.producer.group=shop").run(context -> assertThatThrownBy(
                () -> context.getBean(MqTemplate.class).sendInTransaction("Orders", "x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DataSource").hasMessageContaining("transaction manager"));
    }

    @Test
    void theGroupIsTheProducerGroupPropertyElseTheApplicationName() {
        runner.withPropertyValues("spring.application.name=shop")
                .run(context -> assertThat(context.getBean(MqTemplate.class).getProducerGroup()).isEqualTo("shop"));
        runner.withPropertyValues("spring.application.name=shop", "mq.producer.group=orders")
                .run(context -> assertThat(context.getBean(MqTemplate.class).getProducerGroup()).isEqualTo("orders"));
    }

    @Test
    void backsOffForTheApplicationsOwnTemplate() {
        runner.withUserConfiguration(OwnTemplate.class)
                .run(context -> assertThat(context).getBeans(MqTemplate.class).containsOnlyKeys("ownTemplate"));
    }

    @Test
    void everyProducerGetsTheSettingsAndEveryCustomizer() {
        List<String> customized = new CopyOnWriteArrayList<>();
        runner.withPropertyValues("mq.producer.send-timeout=5s", "test.group=payments")
                .withBean("first", MqProducerCustomizer.class, () -> (group, builder) -> customized.add("first:" + group))
                .withBean("second", MqProducerCustomizer.class, () -> (group, builder) -> customized.add("second:" + group))
                .withBean("oneTransaction", OneTransaction.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    // the transactional producer is made at start-up, plain ones on a group's first send
                    assertThat(customized).containsExactly("first:payments", "second:payments");
                    context.getBean(MqProducers.class).sender("orders");
                    assertThat(customized).endsWith("first:orders", "second:orders");
                    assertThat(context.getBean(MqProducers.class).transactional("payments")).isPresent();
                    assertThat(context.getBean(MqTransactionListenerRegistrar.class).beanNamesByGroup())
                            .containsEntry("payments", "oneTransaction");
                });
    }

    @Test
    void aGroupThatAlreadySentCannotBecomeTransactionalLater() {
        runner.run(context -> {
            MqProducers producers = context.getBean(MqProducers.class);
            producers.sender("orders");
            assertThatThrownBy(() -> producers.registerTransactional("orders", half -> null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("producer group orders");
            assertThat(producers.transactional("orders")).isEmpty();
        });
    }

    @Test
    void twoLocalTransactionsForOneGroupStopTheStartNamingBoth() {
        runner.withPropertyValues("test.group=payments")
                .withBean("oneTransaction", OneTransaction.class)
                .withBean("sameGroupTransaction", SameGroupTransaction.class)
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("producer group payments has two @MqTransactionListener beans")
                        .hasStackTraceContaining("oneTransaction").hasStackTraceContaining("sameGroupTransaction"));
    }

    @Test
    void anAnnotatedBeanMustBeALocalTransaction() {
        runner.withBean("notATransaction", NotATransaction.class)
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("bean 'notATransaction' is annotated @MqTransactionListener")
                        .hasStackTraceContaining("does not implement"));
    }

    @Test
    void sendsAreObservedInTheApplicationsRegistryWithItsConvention() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        runner.withBean(ObservationRegistry.class, () -> registry)
                .withBean(MqSendObservationConvention.class, () -> new DefaultMqSendObservationConvention() {
                    @Override
                    public String getName() {
                        return "shop.send";
                    }
                })
                .run(context -> {
                    context.getBean(MqSendObserver.class).observe("Orders", SendMode.SYNC, "g", trace -> "id-1", id -> id);
                    TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("shop.send");
                });
    }

    @Test
    void producerSettingsAreValidatedAtStartUp() {
        runner.withPropertyValues("mq.producer.send-timeout=0s").run(context -> assertThat(context).hasFailed()
                .getFailure().hasStackTraceContaining("producer.sendTimeout"));
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class OwnTemplate {
        @org.springframework.context.annotation.Bean
        MqTemplate ownTemplate(MqProducers producers, dev.mq.spring.support.OutgoingMessageFactory messages,
                               dev.mq.spring.observation.MqSendObserver observer,
                               MqTransactionListenerRegistrar transactions,
                               org.springframework.beans.factory.ObjectProvider<
                                       dev.mq.spring.transaction.TransactionBoundSender> bound) {
            return new MqTemplate(producers, messages, observer, transactions, bound, "own");
        }
    }

    @MqTransactionListener(producerGroup = "${test.group}")
    static class OneTransaction implements MqLocalTransaction {
        @Override
        public TransactionState execute(Message<?> msg, Object arg) {
            return TransactionState.COMMIT;
        }

        @Override
        public TransactionState check(Message<?> msg) {
            return TransactionState.COMMIT;
        }
    }

    @MqTransactionListener(producerGroup = "payments")
    static class SameGroupTransaction extends OneTransaction {
    }

    @MqTransactionListener(producerGroup = "orders")
    static class NotATransaction {
    }
}

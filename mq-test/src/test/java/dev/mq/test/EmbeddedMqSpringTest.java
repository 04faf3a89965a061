package dev.mq.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@SpringJUnitConfig(EmbeddedMqSpringTest.Config.class)
@EmbeddedMq(topics = "Invoices", queues = 2, properties = "mq.broker.name=broker-test")
class EmbeddedMqSpringTest {

    @Configuration(proxyBeanMethods = false)
    static class Config {
    }

    @Value("${mq.namesrv}")
    String namesrv;

    @Value("${mq.test.broker-address}")
    String brokerAddress;

    @Autowired
    EmbeddedMqServer server;

    @Test
    void theContextSeesTheServersAddressesAndItsTopics() {
        assertThat(namesrv).isEqualTo(server.namesrvAddress()).startsWith("127.0.0.1:");
        assertThat(brokerAddress).isEqualTo(server.brokerAddress());
        assertThat(Routes.of(namesrv, "Invoices").queueDatas()).singleElement()
                .satisfies(queues -> {
                    assertThat(queues.writeQueueNums()).isEqualTo(2);
                    assertThat(queues.brokerName()).isEqualTo("broker-test");
                });
    }

    @Test
    void testsWithTheSameAttributesShareAServerAndOthersDoNot() {
        EmbeddedMq same = EmbeddedMqSpringTest.class.getAnnotation(EmbeddedMq.class);
        EmbeddedMq other = Other.class.getAnnotation(EmbeddedMq.class);

        assertThat(new EmbeddedMqContextCustomizer(same)).isEqualTo(new EmbeddedMqContextCustomizer(same))
                .hasSameHashCodeAs(new EmbeddedMqContextCustomizer(same))
                .isNotEqualTo(new EmbeddedMqContextCustomizer(other));
        assertThat(new EmbeddedMqContextCustomizerFactory().createContextCustomizer(Config.class, java.util.List.of()))
                .as("no @EmbeddedMq, no server").isNull();
    }

    @EmbeddedMq(topics = "Invoices", queues = 3)
    static class Other {
    }
}

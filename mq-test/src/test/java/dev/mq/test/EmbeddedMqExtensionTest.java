package dev.mq.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedMqExtensionTest {

    @RegisterExtension
    static final EmbeddedMqExtension MQ = EmbeddedMqExtension.withTopics("Orders", "Payments").queues(3)
            .withoutAutoCreatedTopics();

    private static String namesrvSeenBeforeAll;

    @BeforeAll
    static void lifecycleMethodsGetTheServerToo(EmbeddedMqServer server) {
        namesrvSeenBeforeAll = server.namesrvAddress();
    }

    @Test
    void theNamedTopicsAreRoutedBeforeTheFirstTest(EmbeddedMqServer server) {
        assertThat(server.namesrvAddress()).startsWith("127.0.0.1:").isEqualTo(namesrvSeenBeforeAll)
                .isEqualTo(MQ.server().namesrvAddress());
        for (String topic : new String[] {"Orders", "Payments"}) {
            assertThat(Routes.of(server.namesrvAddress(), topic).queueDatas())
                    .singleElement().satisfies(queues -> assertThat(queues.writeQueueNums()).isEqualTo(3));
        }
    }

    @Test
    void moreTopicsCanBeMadeInATestAndUnknownOnesHaveNoRoute(EmbeddedMqServer server) {
        assertThat(Routes.of(server.namesrvAddress(), "Refunds")).isNull();

        server.createTopic("Refunds", 1);

        assertThat(Routes.of(server.namesrvAddress(), "Refunds")).isNotNull();
        assertThat(Routes.of(server.namesrvAddress(), "TBW102")).as("auto-creation is off: no template route")
                .isNull();
    }

    @Test
    void aBadSettingFailsTheStartNamingIt() {
        EmbeddedMqExtension broken = new EmbeddedMqExtension().property("mq.broker.register-interval", "soon");

        assertThatThrownBy(() -> broken.beforeAll(null)).hasStackTraceContaining("mq.broker.register-interval");
        assertThatThrownBy(broken::server).isInstanceOf(IllegalStateException.class);
    }
}

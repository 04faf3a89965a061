package dev.mq.spring.template;

import dev.mq.client.MqBrokerException;
import dev.mq.client.MqClientException;
import dev.mq.spring.MqTemplate;
import dev.mq.test.EmbeddedMq;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sends to a topic that does not exist, on a server that does not create topics. */
@SpringBootTest(classes = TemplateTestApplication.class,
        properties = {"mq.producer.group=shop", "test.tx-group=" + TemplateTestApplication.TX_GROUP})
@EmbeddedMq(autoCreateTopics = false, topics = "Known")
class MqTemplateMissingTopicTest {

    @Autowired
    MqTemplate template;

    @Autowired
    TestObservationRegistry observations;

    @Test
    void aMissingTopicFailsWithTheServersAnswerAndAFailedObservation() {
        observations.clear();
        // the name server answers TOPIC_NOT_EXIST before any broker sees the send: the client says so
        assertThatThrownBy(() -> template.send("Nowhere", "lost")).isInstanceOf(MqClientException.class)
                .hasMessageContaining("no route for topic Nowhere").hasMessageContaining("auto-creation is off");
        TestObservationRegistryAssert.assertThat(observations)
                .hasObservationWithNameEqualTo("mq.send").that()
                .hasLowCardinalityKeyValue("topic", "Nowhere")
                .hasLowCardinalityKeyValue("outcome", "failure")
                .hasError();
    }

    @Test
    void aSendTheBrokerRefusesCarriesItsResponseCode() {
        assertThatThrownBy(() -> template.sendDelayed("Known", "too late", Duration.ofDays(4)))
                .isInstanceOfSatisfying(MqBrokerException.class, refused -> {
                    assertThat(refused.responseCode()).as("MESSAGE_ILLEGAL").isEqualTo(13);
                    assertThat(refused.getMessage()).contains("Known").contains("mq.broker.timer.max-delay");
                });
    }
}

package dev.mq.console;

import dev.mq.apache.harness.ApacheRocketMq;
import dev.mq.client.ConsumeResult;
import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.client.PushConsumer;
import dev.mq.client.SendResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read-only pages against the real Apache RocketMQ 5.5.0 (name server and broker started by the
 * harness in their own JVMs): the overview lists the Apache broker with its version, /topics lists the
 * topic our client wrote to, /messages finds a
 * message our client sent by its key and shows it, and /dlq lists a group's dead-letter count while its
 * page says that Apache cannot list the dead letters themselves (that request is ours).
 */
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mq.console.users.victor.password={noop}victor-secret", "mq.console.users.victor.role=VIEWER"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class ApacheReadOnlyBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = "ConsoleApache";
    private static final String FAILING_TOPIC = "ConsoleApacheFailing";
    private static final String DEAD_GROUP = "apache-dead-cg";

    private static ApacheRocketMq apache;

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    private SendResult sent;

    @DynamicPropertySource
    static void pointTheConsoleAtApache(DynamicPropertyRegistry registry) {
        apache = ApacheRocketMq.start(Path.of("target", "apache-rocketmq", "console-" + System.nanoTime()));
        registry.add("mq.namesrv", apache::namesrvAddress);
    }

    @BeforeAll
    void sendAMessageAndMakeADeadLetter() {
        try (MqClient client = MqClient.builder().namesrv(apache.namesrvAddress()).instanceName("apache-console-test")
                .build(); Producer producer = client.producer("apache-console-pg").build()) {
            sent = producer.send(Message.builder(TOPIC).tags("hello").keys("apache-key-1")
                    .body("{\"from\":\"our client\"}").build());
            producer.send(Message.builder(FAILING_TOPIC).keys("apache-dead-1").body("fails").build());
            try (PushConsumer failing = QuickConsumers.of(client, DEAD_GROUP).subscribe(FAILING_TOPIC, "*")
                    .maxReconsumeTimes(0).listener(messages -> ConsumeResult.RETRY_LATER).build()) {
                await().atMost(WAIT).ignoreExceptions().until(() -> client.admin().deadLetterGroups().groups().stream()
                        .anyMatch(g -> g.group().equals(DEAD_GROUP) && g.count() == 1));
            }
        }
        browser.open("http://127.0.0.1:" + port);
        PageLoads.logIn(browser, "victor", "victor-secret");
    }

    @AfterAll
    void stopApache() {
        browser.close();
        apache.close();
    }

    @Test
    void theOverviewListsTheApacheBrokerWithItsVersion() {
        browser.go("/");
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#brokers tbody tr"));
        assertThat(rows).singleElement().satisfies(row -> assertThat(row.getText())
                .contains(apache.brokerName(), apache.brokerAddress(), "V5_5_0"));
        Screenshots.save(browser.driver(), "apache-overview");
    }

    @Test
    void topicsListsTheTopicOurClientWroteToWithItsMessage() {
        await().atMost(WAIT).untilAsserted(() -> {
            browser.go("/topics?q=" + TOPIC);
            WebElement row = browser.driver().findElement(By.cssSelector("#topics tr[data-topic='" + TOPIC + "']"));
            assertThat(row.getText()).contains("normal", apache.brokerName());
        });
        assertThat(browser.driver().findElements(By.cssSelector(".flash.failed"))).isEmpty();
    }

    @Test
    void messagesFindsTheMessageByKeyAndShowsIt() {
        await().atMost(WAIT).untilAsserted(() -> { // Apache indexes keys a little after the store
            browser.go("/messages?by=key&topic=" + TOPIC + "&key=apache-key-1");
            assertThat(browser.driver().findElements(By.cssSelector("#results table.messages tbody tr")))
                    .extracting(row -> row.getAttribute("data-id")).containsExactly(sent.messageId());
        });
        PageLoads.click(browser.driver(), By.linkText(sent.messageId()));
        assertThat(browser.driver().findElement(By.id("body")).getText()).contains("\"from\" : \"our client\"");
        assertThat(browser.driver().findElement(By.id("facts")).getText()).contains("hello", "apache-key-1");
    }

    @Test
    void deadLetterCountsAreListedAndAGroupsPageSaysApacheCannotListThem() {
        browser.go("/dlq");
        WebElement row = browser.driver().findElement(By.cssSelector("#dlq-groups tr[data-group='" + DEAD_GROUP + "']"));
        assertThat(row.findElement(By.cssSelector(".count")).getText()).isEqualTo("1");
        assertThat(row.getText()).contains(apache.brokerName());

        PageLoads.click(browser.driver(), row.findElement(By.linkText(DEAD_GROUP)));
        assertThat(browser.driver().findElement(By.id("unsupported")).getText())
                .startsWith("These brokers cannot list dead letters:").contains(apache.brokerName());
        assertThat(browser.driver().findElements(By.cssSelector("table.dead-letters"))).isEmpty();
    }
}

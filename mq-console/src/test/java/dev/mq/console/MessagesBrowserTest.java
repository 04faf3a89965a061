package dev.mq.console;

import dev.mq.client.ConsumeResult;
import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.client.PushConsumer;
import dev.mq.client.SendResult;
import dev.mq.test.EmbeddedMq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A message sent by a real producer is found on /messages by key, by id and by time; its page shows
 * its properties, a pretty-printed JSON body (switchable to hex and text), and its delivery status for
 * the topic's group, which flips from "not consumed yet" to "consumed" once the (paused) consumer
 * resumes and reads it.
 */
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mq.console.users.victor.password={noop}victor-secret", "mq.console.users.victor.role=VIEWER"})
@EmbeddedMq(topics = "Invoices")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagesBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GROUP = "invoices-cg";
    private static final String BODY = "{\"invoice\":42,\"lines\":[{\"sku\":\"A-1\",\"qty\":2}]}";

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Value("${mq.namesrv}")
    String namesrv;

    private MqClient client;
    private PushConsumer consumer;
    private final Set<String> consumed = ConcurrentHashMap.newKeySet();
    private SendResult warmUp;
    private SendResult invoice;

    @BeforeAll
    void sendWhileTheGroupIsPaused() {
        client = MqClient.builder().namesrv(namesrv).instanceName("messages-browser-test").build();
        try (Producer producer = client.producer("messages-test-pg").build()) {
            warmUp = producer.send(Message.builder("Invoices").keys("inv-0").body("first invoice").build());
            consumer = QuickConsumers.of(client, GROUP).subscribe("Invoices", "*").listener(messages -> {
                messages.forEach(m -> consumed.addAll(m.keys()));
                return ConsumeResult.SUCCESS;
            }).build();
            await().atMost(WAIT).until(() -> consumed.contains("inv-0"));
            consumer.pause();
            invoice = producer.send(Message.builder("Invoices").tags("issued").keys("inv-42").property("region", "eu")
                    .body(BODY).build());
        }
        // the broker indexes keys a moment after the store: search once it can be found
        await().atMost(WAIT).until(() -> client.admin().messagesByKey("Invoices", "inv-42", Instant.EPOCH,
                Instant.now().plusSeconds(60)).messages().size() == 1);
        browser.open("http://127.0.0.1:" + port);
        PageLoads.logIn(browser, "victor", "victor-secret");
    }

    @AfterAll
    void close() {
        browser.close();
        consumer.close();
        client.close();
    }

    @Test
    void aMessageIsFoundByKeyByIdAndByTimeAndItsDeliveryFlipsToConsumed() {
        browser.go("/messages");
        search("by-key", "topic", "Invoices", "key", "inv-42");
        assertThat(resultIds()).containsExactly(invoice.messageId());
        assertThat(browser.mainText()).contains("1 message of Invoices", "issued", BODY);
        Screenshots.save(browser.driver(), "messages");

        search("by-id", "topic", "Invoices", "id", invoice.messageId());
        assertThat(resultIds()).containsExactly(invoice.messageId());
        search("by-id", "topic", "Invoices", "id", invoice.offsetMessageId());
        assertThat(resultIds()).containsExactly(invoice.messageId());

        browser.driver().findElement(By.cssSelector("#by-time input[name=topic]")).clear();
        browser.driver().findElement(By.cssSelector("#by-time input[name=topic]")).sendKeys("Invoices");
        PageLoads.click(browser.driver(), By.cssSelector("#by-time button")); // the last hour, by default
        assertThat(resultIds()).containsExactly(warmUp.messageId(), invoice.messageId());

        PageLoads.click(browser.driver(), By.linkText(invoice.messageId()));
        assertThat(browser.driver().getTitle()).startsWith("Message " + invoice.messageId());
        assertThat(browser.driver().findElement(By.id("properties")).getText()).isEqualTo("region eu");
        WebElement body = browser.driver().findElement(By.id("body"));
        assertThat(body.getAttribute("class")).contains("json");
        assertThat(body.getText()).contains("{\n  \"invoice\" : 42,\n  \"lines\" : [ {\n    \"sku\" : \"A-1\"");
        assertThat(status()).isEqualTo("not consumed yet");
        Screenshots.save(browser.driver(), "message");

        PageLoads.click(browser.driver(), By.id("view-hex"));
        assertThat(browser.driver().findElement(By.id("body")).getText()).startsWith("00000000  7b 22 69 6e 76 6f 69 63");
        PageLoads.click(browser.driver(), By.id("view-text"));
        assertThat(browser.driver().findElement(By.id("body")).getText()).isEqualTo(BODY);

        consumer.resume();
        await().atMost(WAIT).untilAsserted(() -> {
            browser.driver().navigate().refresh();
            assertThat(status()).isEqualTo("consumed");
        });
        assertThat(consumed).contains("inv-42");
    }

    @Test
    void theJsonMirrorsThePages() {
        browser.go("/api/messages?by=key&topic=Invoices&key=inv-42");
        assertThat(pageText()).contains("\"messageId\":\"" + invoice.messageId() + "\"", "\"truncated\":false");
        browser.go("/api/messages/" + invoice.offsetMessageId() + "?topic=Invoices");
        assertThat(pageText()).contains("\"region\":\"eu\"", "\"format\":\"JSON\"", "\"group\":\"" + GROUP + "\"");
        browser.go("/api/messages?by=time&topic=Invoices&from=yesterday");
        assertThat(pageText()).contains("\"status\":400", "from must be a UTC time");
    }

    @Test
    void badInputAndUnknownTopicsAreSaidOnThePage() {
        browser.go("/messages?by=time&topic=Invoices&from=yesterday");
        assertThat(browser.driver().findElement(By.cssSelector(".flash.failed")).getText())
                .contains("from must be a UTC time like 2026-12-06T10:15:00, not 'yesterday'");
        browser.go("/messages?by=key&topic=NoSuchTopic&key=k");
        assertThat(browser.driver().findElement(By.cssSelector(".flash.failed")).getText())
                .contains("The search failed", "NoSuchTopic");
        browser.go("/messages/7F0000010000000000000000DEADBEEF?topic=Invoices");
        assertThat(browser.mainText()).contains("No such message");
    }

    private void search(String form, String field, String value, String otherField, String other) {
        for (String[] input : List.of(new String[] {field, value}, new String[] {otherField, other})) {
            WebElement element = browser.driver().findElement(By.cssSelector("#" + form + " input[name=" + input[0] + "]"));
            element.clear();
            element.sendKeys(input[1]);
        }
        PageLoads.click(browser.driver(), By.cssSelector("#" + form + " button"));
    }

    private List<String> resultIds() {
        return browser.driver().findElements(By.cssSelector("#results table.messages tbody tr")).stream()
                .map(row -> row.getAttribute("data-id")).toList();
    }

    private String status() {
        return browser.driver().findElement(By.cssSelector("#deliveries tr[data-group='" + GROUP + "'] .status")).getText();
    }

    private String pageText() {
        return browser.driver().findElement(By.tagName("body")).getText();
    }
}

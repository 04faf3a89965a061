package dev.mq.console;

import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.test.EmbeddedMq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "mq.console.users.alice.password={noop}alice-secret", "mq.console.users.alice.role=ADMIN",
                "mq.console.users.victor.password={noop}victor-secret", "mq.console.users.victor.role=VIEWER",
                "mq.console.topics-groups.sample-interval=500ms", "mq.console.topics-groups.history=1h",
                "mq.console.topics-groups.listing-cache-time=0s"})
@EmbeddedMq(topics = "ListedOrders", queues = 4)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicsBrowserTest {

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Value("${mq.namesrv}")
    String namesrv;

    private MqClient client;

    @BeforeAll
    void start() {
        browser.open("http://127.0.0.1:" + port);
        client = MqClient.builder().namesrv(namesrv).build();
    }

    @AfterAll
    void stop() {
        browser.close();
        client.close();
    }

    private void send(String topic, int count) {
        try (Producer producer = client.producer("topics-test-producer").build()) {
            for (int i = 0; i < count; i++) {
                producer.send(Message.builder(topic).keys("k" + i).body("order " + i).build());
            }
        }
    }

    private List<WebElement> rows() {
        return browser.driver().findElements(By.cssSelector("#topics tbody tr"));
    }

    private String messagesOf(String topic) {
        return browser.driver().findElement(By.cssSelector("#topics tr[data-topic='" + topic + "'] td.messages")).getText();
    }

    private void asAdmin() {
        browser.driver().manage().deleteAllCookies();
        browser.logIn("alice", "alice-secret");
    }

    @Test
    void aTopicWrittenByAProducerIsListedWithItsMessageCount() {
        send("ListedOrders", 7);
        asAdmin();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.go("/topics?q=ListedOrders");
            assertThat(messagesOf("ListedOrders")).isEqualTo("7");
        });
        WebElement row = browser.driver().findElement(By.cssSelector("#topics tr[data-topic='ListedOrders']"));
        assertThat(row.getText()).contains("normal").contains("4");

        Forms.submit(browser.driver(), row.findElement(By.linkText("ListedOrders")));
        assertThat(browser.driver().getTitle()).startsWith("Topic ListedOrders");
        assertThat(browser.driver().findElement(By.id("total-messages")).getText()).isEqualTo("7");
        List<WebElement> queues = browser.driver().findElements(By.cssSelector("#queues tbody tr"));
        assertThat(queues).hasSize(4);
        long perQueue = queues.stream().mapToLong(q -> Long.parseLong(q.findElements(By.tagName("td")).get(3).getText()))
                .sum();
        assertThat(perQueue).as("max offsets over the queues").isEqualTo(7);
        assertThat(browser.driver().findElements(By.cssSelector("#route tbody tr"))).hasSize(1);
        assertThat(browser.driver().findElement(By.id("rate-in")).getText()).endsWith("/s");
        // the messages-in chart is drawn from the sampler's figures once a sample exists
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.driver().navigate().refresh();
            assertThat(browser.driver().findElements(By.cssSelector("#messages-in-chart.drawn .uplot"))).isNotEmpty();
        });
        browser.go("/api/topics/ListedOrders/messages-in");
        assertThat(browser.driver().getPageSource()).contains("\"stored\":7");
    }

    @Test
    void theKindFilterAndTheSearchNarrowTheList() {
        asAdmin();
        browser.go("/topics");
        Screenshots.save(browser.driver(), "topics");
        int all = rows().size();
        new Select(browser.driver().findElement(By.name("kind"))).selectByValue("system");
        Forms.submit(browser.driver(), browser.driver().findElement(By.cssSelector("form.filter button")));
        assertThat(browser.driver().getCurrentUrl()).contains("kind=system");
        List<WebElement> system = rows();
        assertThat(system).isNotEmpty().hasSizeLessThan(all);
        assertThat(system).allSatisfy(r -> assertThat(r.findElements(By.tagName("td")).get(1).getText()).isEqualTo("system"));

        new Select(browser.driver().findElement(By.name("kind"))).selectByValue("all");
        browser.driver().findElement(By.name("q")).sendKeys("listedord");
        Forms.submit(browser.driver(), browser.driver().findElement(By.cssSelector("form.filter button")));
        assertThat(rows()).extracting(r -> r.getAttribute("data-topic")).containsExactly("ListedOrders");

        browser.go("/api/topics?kind=normal&q=ListedOrders");
        assertThat(browser.driver().getPageSource()).contains("\"name\":\"ListedOrders\"").contains("\"matching\":1");
    }

    @Test
    void anUnknownKindIsRefusedWithASentence() {
        asAdmin();
        browser.go("/topics?kind=bogus");
        assertThat(browser.mainText()).contains("kind must be all, normal, retry, dlq or system, got bogus");
    }

    @Test
    void anAdminCreatesAndDeletesATopicThroughTheFormsAndTheAuditListsBoth() {
        asAdmin();
        browser.go("/topics");
        WebElement form = browser.driver().findElement(By.id("create-topic"));
        form.findElement(By.name("topic")).sendKeys("MadeInTheBrowser");
        WebElement queues = form.findElement(By.name("queues"));
        queues.clear();
        queues.sendKeys("3");
        Forms.submit(browser.driver(), form.findElement(By.cssSelector("button")));
        assertThat(browser.driver().findElement(By.cssSelector(".flash.ok")).getText())
                .startsWith("Created topic MadeInTheBrowser with 3 queues");
        assertThat(rows()).extracting(r -> r.getAttribute("data-topic")).containsExactly("MadeInTheBrowser");

        browser.go("/topics/MadeInTheBrowser");
        WebElement send = browser.driver().findElement(By.id("send-test"));
        Forms.submit(browser.driver(), send.findElement(By.cssSelector("button")));
        assertThat(browser.driver().findElement(By.cssSelector(".flash.ok")).getText())
                .startsWith("Sent a test message to MadeInTheBrowser");
        assertThat(browser.driver().findElement(By.id("total-messages")).getText()).isEqualTo("1");

        WebElement delete = browser.driver().findElement(By.id("delete-topic"));
        delete.findElement(By.name("confirm")).click();
        Forms.submit(browser.driver(), delete.findElement(By.cssSelector("button")));
        assertThat(browser.driver().findElement(By.cssSelector(".flash.ok")).getText())
                .startsWith("Deleted topic MadeInTheBrowser");
        browser.go("/topics?q=MadeInTheBrowser");
        assertThat(rows()).isEmpty();

        browser.go("/audit");
        String audit = browser.mainText();
        assertThat(audit).contains("create topic MadeInTheBrowser").contains("send test message MadeInTheBrowser")
                .contains("delete topic MadeInTheBrowser");
    }

    @Test
    void aDeleteWithoutTheConfirmationIsRefusedAndTheTopicStays() {
        asAdmin();
        browser.go("/topics/ListedOrders");
        // what a browser without form validation would send: the box not ticked
        WebElement box = browser.driver().findElement(By.cssSelector("#delete-topic input[name=confirm]"));
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].required = false;", box);
        Forms.submit(browser.driver(), browser.driver().findElement(By.cssSelector("#delete-topic button")));
        assertThat(browser.driver().findElement(By.cssSelector(".flash.failed")).getText())
                .contains("was not deleted");
        browser.go("/topics?q=ListedOrders");
        assertThat(rows()).hasSize(1);
    }

    @Test
    void aBadQueueCountIsRefusedWithASentence() {
        asAdmin();
        browser.go("/topics");
        WebElement form = browser.driver().findElement(By.id("create-topic"));
        form.findElement(By.name("topic")).sendKeys("TooManyQueues");
        WebElement queues = form.findElement(By.name("queues"));
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "arguments[0].removeAttribute('max'); arguments[0].value = '5000';", queues);
        Forms.submit(browser.driver(), form.findElement(By.cssSelector("button")));
        assertThat(browser.driver().findElement(By.cssSelector(".flash.failed")).getText())
                .contains("queues must be 1..1024, got 5000");
    }

    @Test
    void aRetryTopicIsListedAsRetryAndItsPageOpensFromTheList() {
        try (dev.mq.client.PushConsumer consumer = client.pushConsumer("retrying-cg").subscribe("ListedOrders", "*")
                .listener(messages -> dev.mq.client.ConsumeResult.SUCCESS).build()) {
            asAdmin();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                browser.go("/topics?kind=retry&q=retrying-cg");
                assertThat(rows()).extracting(r -> r.getAttribute("data-topic")).containsExactly("%RETRY%retrying-cg");
            });
            Forms.submit(browser.driver(), browser.driver().findElement(By.linkText("%RETRY%retrying-cg")));
            assertThat(browser.driver().getTitle()).startsWith("Topic %RETRY%retrying-cg");
            assertThat(browser.driver().findElements(By.cssSelector("#queues tbody tr"))).isNotEmpty();
        }
    }

    @Test
    void aViewerSeesNoActionButtons() {
        browser.driver().manage().deleteAllCookies();
        browser.logIn("victor", "victor-secret");
        browser.go("/topics");
        assertThat(rows()).isNotEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("main form[method=post]"))).isEmpty();
        browser.go("/topics/ListedOrders");
        assertThat(browser.driver().findElements(By.id("total-messages"))).hasSize(1);
        assertThat(browser.driver().findElements(By.cssSelector("main form[method=post]"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("main button"))).isEmpty();
    }
}

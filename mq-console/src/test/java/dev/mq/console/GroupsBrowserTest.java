package dev.mq.console;

import dev.mq.client.ConsumeFrom;
import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.client.PullConsumer;
import dev.mq.client.ReceivedMessage;
import dev.mq.test.EmbeddedMq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The group pages against a real server: a group's backlog is what the test left unconsumed, drops to
 * 0 after consuming, and moves with reset offsets and skip backlog done through the forms.
 */
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "mq.console.users.alice.password={noop}alice-secret", "mq.console.users.alice.role=ADMIN",
                "mq.console.users.victor.password={noop}victor-secret", "mq.console.users.victor.role=VIEWER",
                "mq.console.topics-groups.sample-interval=500ms", "mq.console.topics-groups.history=1h",
                "mq.console.topics-groups.listing-cache-time=0s"})
@EmbeddedMq(topics = "BacklogOrders", queues = 2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GroupsBrowserTest {

    private static final String GROUP = "backlog-cg";
    private static final String TOPIC = "BacklogOrders";

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Value("${mq.namesrv}")
    String namesrv;

    private MqClient client;
    private Instant beforeFirstMessage;

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

    private void send(int count) {
        try (Producer producer = client.producer("groups-test-producer").build()) {
            for (int i = 0; i < count; i++) {
                producer.send(Message.builder(TOPIC).body("order " + i).build());
            }
        }
    }

    /** Consumes {@code count} messages as the group and commits them. */
    private void consume(int count) {
        try (PullConsumer consumer = client.pullConsumer(GROUP).consumeFrom(ConsumeFrom.FIRST_OFFSET)
                .autoCommit(false).build()) {
            consumer.subscribe(TOPIC, "*");
            List<ReceivedMessage> got = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                got.addAll(consumer.poll(Duration.ofMillis(200)));
                return got.size() >= count;
            });
            assertThat(got).hasSize(count);
            consumer.commit();
        }
    }

    private String listedBacklog() {
        return browser.driver().findElement(By.cssSelector("#groups tr[data-group='" + GROUP + "'] td.backlog")).getText();
    }

    private void awaitListedBacklog(String expected) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.go("/groups?q=" + GROUP);
            assertThat(listedBacklog()).isEqualTo(expected);
        });
    }

    private void awaitGroupPageBacklog(String expected) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.go("/groups/" + GROUP);
            Screenshots.save(browser.driver(), "group");
            assertThat(browser.driver().findElement(By.id("total-backlog")).getText()).isEqualTo(expected);
        });
    }

    private void asAdmin() {
        browser.driver().manage().deleteAllCookies();
        browser.logIn("alice", "alice-secret");
    }

    @Test
    @Order(1)
    void theBacklogIsWhatWasLeftUnconsumedAndDropsToZeroAfterConsuming() {
        beforeFirstMessage = Instant.now().minusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        send(10);
        consume(10);
        send(6);
        asAdmin();
        awaitListedBacklog("6");
        WebElement row = browser.driver().findElement(By.cssSelector("#groups tr[data-group='" + GROUP + "']"));
        assertThat(row.findElement(By.cssSelector("td.age")).getText()).isNotEqualTo("unknown");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.go("/groups?q=" + GROUP);
            String age = browser.driver().findElement(By.cssSelector("#groups tr[data-group='" + GROUP + "'] td.age"))
                    .getText();
            assertThat(age).as("the backlog age, once the group's detail is read").matches("\\d+ s|\\d+ min \\d+ s");
        });

        browser.go("/groups/" + GROUP);
        assertThat(browser.driver().findElement(By.id("total-backlog")).getText()).isEqualTo("6");
        List<WebElement> queues = browser.driver().findElements(By.cssSelector("#group-queues tbody tr"));
        long lagSum = queues.stream().filter(q -> q.getText().startsWith(TOPIC))
                .mapToLong(q -> Long.parseLong(q.findElement(By.cssSelector("td.lag")).getText())).sum();
        assertThat(lagSum).isEqualTo(6);
        // the chart is drawn from the sampler's figures once samples exist
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.driver().navigate().refresh();
            assertThat(browser.driver().findElements(By.cssSelector("#backlog-chart.drawn .uplot"))).isNotEmpty();
        });
        browser.go("/api/groups/" + GROUP + "/backlog");
        assertThat(browser.driver().getPageSource()).contains("\"backlog\":6");
        browser.go("/api/groups?q=" + GROUP);
        assertThat(browser.driver().getPageSource()).contains("\"group\":\"" + GROUP + "\"").contains("\"backlogMessages\":6");

        consume(6);
        awaitListedBacklog("0");
        awaitGroupPageBacklog("0");
    }

    @Test
    @Order(2)
    void resetOffsetsToATimeAndSkipBacklogChangeTheBacklog() {
        asAdmin();
        browser.go("/groups/" + GROUP);
        WebElement reset = browser.driver().findElement(By.id("reset-offsets"));
        new Select(reset.findElement(By.name("topic"))).selectByValue(TOPIC);
        String time = LocalDateTime.ofInstant(beforeFirstMessage, ZoneOffset.UTC).toString();
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];",
                reset.findElement(By.name("time")), time);
        Forms.submit(browser.driver(), reset.findElement(By.cssSelector("button")));
        assertThat(browser.driver().findElement(By.cssSelector(".flash.ok")).getText())
                .startsWith("Reset the offsets of " + GROUP + " on " + TOPIC);
        awaitGroupPageBacklog("16");
        awaitListedBacklog("16");

        browser.go("/groups/" + GROUP);
        WebElement skip = browser.driver().findElement(By.id("skip-backlog"));
        new Select(skip.findElement(By.name("topic"))).selectByValue(TOPIC);
        Forms.submit(browser.driver(), skip.findElement(By.cssSelector("button")));
        assertThat(browser.driver().findElement(By.cssSelector(".flash.ok")).getText())
                .startsWith("Skipped the backlog of " + GROUP + " on " + TOPIC);
        awaitGroupPageBacklog("0");

        browser.go("/audit");
        assertThat(browser.mainText()).contains("reset offsets " + GROUP + " on " + TOPIC)
                .contains("skip backlog " + GROUP + " on " + TOPIC);
    }

    @Test
    @Order(3)
    void aTimeThatIsNoTimeIsRefusedWithASentence() {
        asAdmin();
        browser.go("/groups/" + GROUP);
        WebElement reset = browser.driver().findElement(By.id("reset-offsets"));
        ((JavascriptExecutor) browser.driver()).executeScript(
                "arguments[0].type = 'text'; arguments[0].value = 'yesterday';", reset.findElement(By.name("time")));
        Forms.submit(browser.driver(), reset.findElement(By.cssSelector("button")));
        assertThat(browser.driver().findElement(By.cssSelector(".flash.failed")).getText())
                .contains("'yesterday' is not a time");
    }

    @Test
    @Order(4)
    void aViewerSeesTheGroupsButNoActionButtons() {
        browser.driver().manage().deleteAllCookies();
        browser.logIn("victor", "victor-secret");
        browser.go("/groups");
        assertThat(browser.driver().findElements(By.cssSelector("#groups tr[data-group='" + GROUP + "']"))).hasSize(1);
        browser.go("/groups/" + GROUP);
        assertThat(browser.driver().findElements(By.id("total-backlog"))).hasSize(1);
        assertThat(browser.driver().findElements(By.cssSelector("main form[method=post]"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("main button"))).isEmpty();
    }

    @Test
    @Order(5)
    void anUnknownGroupIsANotFoundPage() {
        asAdmin();
        browser.go("/groups/no-such-group");
        assertThat(browser.mainText()).contains("No broker knows a consumer group named no-such-group");
    }
}

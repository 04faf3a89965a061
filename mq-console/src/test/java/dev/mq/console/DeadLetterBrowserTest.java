package dev.mq.console;

import dev.mq.client.ConsumeResult;
import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.client.PushConsumer;
import dev.mq.client.SendResult;
import dev.mq.client.admin.DeadLetterGroup;
import dev.mq.client.admin.MqAdmin;
import dev.mq.test.EmbeddedMq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead letters made by a real consumer that always fails (one retry, short delay levels on the
 * embedded server), listed on /dlq, paged on /dlq/{group}, re-sent one, selected and all with no
 * consumer online, then consumed by a new consumer of the group; the audit page lists the re-sends
 * and a VIEWER sees no re-send control.
 */
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "mq.console.users.alice.password={noop}alice-secret", "mq.console.users.alice.role=ADMIN",
                "mq.console.users.victor.password={noop}victor-secret", "mq.console.users.victor.role=VIEWER"})
@EmbeddedMq(topics = {"Payments", "Refunds"}, properties = "mq.broker.delay-levels=100ms,100ms,100ms,200ms")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GROUP = "payments-cg";
    private static final String VIEWER_GROUP = "refunds-cg";

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Value("${mq.namesrv}")
    String namesrv;

    @Autowired
    MqAdmin admin;

    private MqClient client;
    private final List<SendResult> payments = new ArrayList<>();

    @BeforeAll
    void makeDeadLetters() throws Exception {
        client = MqClient.builder().namesrv(namesrv).instanceName("dlq-browser-test").build();
        try (Producer producer = client.producer("dlq-test-pg").build()) {
            for (int i = 1; i <= 3; i++) {
                payments.add(producer.send(Message.builder("Payments").tags("captured").keys("pay-" + i)
                        .body("{\"payment\":" + i + ",\"amount\":\"12.50\"}").build()));
            }
            producer.send(Message.builder("Refunds").keys("refund-1").body("refund 1").build());
        }
        try (PushConsumer failing = failing(GROUP, "Payments"); PushConsumer failingToo = failing(VIEWER_GROUP, "Refunds")) {
            await().atMost(WAIT).ignoreExceptions().until(() -> deadLetters(GROUP) == 3 && deadLetters(VIEWER_GROUP) == 1);
        } // closed: no consumer of either group is online from here on
        browser.open("http://127.0.0.1:" + port);
    }

    private PushConsumer failing(String group, String topic) {
        return QuickConsumers.of(client, group).subscribe(topic, "*").maxReconsumeTimes(1)
                .listener(messages -> ConsumeResult.RETRY_LATER).build();
    }

    private long deadLetters(String group) {
        return admin.deadLetterGroups().groups().stream().filter(g -> g.group().equals(group))
                .mapToLong(DeadLetterGroup::count).sum();
    }

    @AfterAll
    void close() {
        browser.close();
        client.close();
    }

    @Test
    void deadLettersAreResentOneSelectedAndAllWithNoConsumerOnlineThenConsumed() {
        browser.driver().manage().deleteAllCookies();
        PageLoads.logIn(browser, "alice", "alice-secret");

        browser.go("/dlq");
        WebElement row = browser.driver().findElement(By.cssSelector("#dlq-groups tr[data-group='" + GROUP + "']"));
        assertThat(row.findElement(By.cssSelector(".count")).getText()).isEqualTo("3");
        assertThat(row.findElement(By.cssSelector(".resent")).getText()).isEqualTo("0");
        assertThat(row.findElement(By.cssSelector(".pending")).getText()).isEqualTo("3");
        Screenshots.save(browser.driver(), "dlq");

        PageLoads.click(browser.driver(), row.findElement(By.linkText(GROUP)));
        assertThat(browser.driver().getTitle()).startsWith("Dead letters of " + GROUP);
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("table.dead-letters tbody tr"));
        assertThat(rows).hasSize(3);
        assertThat(browser.mainText()).contains("3 dead letters", "0 re-sent from this console", "pay-1", "pay-2",
                "pay-3", "captured", "Payments", "{\"payment\":1,\"amount\":\"12.50\"}");
        Screenshots.save(browser.driver(), "dlq-group");

        // a dead letter's id opens the whole stored message
        PageLoads.click(browser.driver(), By.linkText(payments.get(1).messageId()));
        assertThat(browser.driver().findElement(By.id("body")).getText()).contains("\"payment\" : 2");
        assertThat(browser.driver().findElement(By.id("facts")).getText()).contains("%DLQ%" + GROUP, "pay-2");
        browser.go("/dlq/" + GROUP);

        // one, from its row's button
        String first = payments.get(0).messageId();
        PageLoads.click(browser.driver(), By.cssSelector("tr[data-id='" + first + "'] button.resend-one"));
        assertThat(flash()).isEqualTo("Re-sent 1 dead letter of " + GROUP + " to the original topic.");
        assertThat(browser.driver().findElement(By.id("dlq-summary")).getText()).contains("1 re-sent from this console");
        assertThat(browser.driver().findElement(By.cssSelector("tr[data-id='" + first + "'] .mark")).getText())
                .endsWith("by alice");

        // the selected ones, ticked in the one form
        for (SendResult other : payments.subList(1, 3)) {
            browser.driver().findElement(By.cssSelector("tr[data-id='" + other.messageId() + "'] input[name=ids]")).click();
        }
        PageLoads.click(browser.driver(), By.id("resend-selected"));
        assertThat(flash()).isEqualTo("Re-sent 2 dead letters of " + GROUP + " to the original topic.");
        assertThat(browser.driver().findElement(By.id("dlq-summary")).getText()).contains("3 re-sent from this console");

        // nothing ticked is refused with a sentence
        PageLoads.click(browser.driver(), By.id("resend-selected"));
        assertThat(browser.driver().findElement(By.cssSelector(".flash.failed")).getText())
                .contains("no dead letter was selected");

        // all
        PageLoads.click(browser.driver(), By.id("resend-all"));
        assertThat(flash()).isEqualTo("Re-sent 3 dead letters of " + GROUP
                + " to the original topic; 3 of them had been re-sent before.");

        browser.go("/dlq");
        WebElement after = browser.driver().findElement(By.cssSelector("#dlq-groups tr[data-group='" + GROUP + "']"));
        assertThat(after.findElement(By.cssSelector(".count")).getText()).isEqualTo("3"); // the broker keeps dead letters
        assertThat(after.findElement(By.cssSelector(".resent")).getText()).isEqualTo("3");
        assertThat(after.findElement(By.cssSelector(".pending")).getText()).isEqualTo("0");

        // a new consumer of the group gets the copies: 1 + 2 + 3
        Set<String> keys = ConcurrentHashMap.newKeySet();
        List<String> ids = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (PushConsumer consumer = QuickConsumers.of(client, GROUP).subscribe("Payments", "*").listener(messages -> {
            messages.forEach(m -> {
                keys.addAll(m.keys());
                ids.add(m.messageId());
            });
            return ConsumeResult.SUCCESS;
        }).build()) {
            await().atMost(WAIT).until(() -> ids.size() >= 6);
        }
        assertThat(keys).containsExactlyInAnyOrder("pay-1", "pay-2", "pay-3");
        assertThat(ids).containsOnly(payments.stream().map(SendResult::messageId).toArray(String[]::new));

        browser.go("/audit");
        Screenshots.save(browser.driver(), "audit");
        String audit = browser.driver().findElement(By.id("audit")).getText();
        assertThat(audit).contains("alice re-send dead letters " + GROUP + " " + first, "alice re-send dead letters "
                + GROUP + " done", "alice re-send all dead letters " + GROUP + " done");

        browser.go("/api/dlq");
        assertThat(browser.driver().findElement(By.tagName("body")).getText())
                .contains("\"group\":\"" + GROUP + "\",\"count\":3", "\"resentFromConsole\":3");
        browser.go("/api/dlq/" + GROUP + "?size=2");
        assertThat(browser.driver().findElement(By.tagName("body")).getText())
                .contains("\"total\":3", "\"originTopic\":\"Payments\"", "\"nextCursor\":\"broker-a:2\"");
    }

    @Test
    void aViewerSeesDeadLettersButNoResendControlAndAForgedResendIsRefused() {
        browser.driver().manage().deleteAllCookies();
        PageLoads.logIn(browser, "victor", "victor-secret");
        browser.go("/dlq/" + VIEWER_GROUP);
        assertThat(browser.mainText()).contains("1 dead letter", "refund-1", "Refunds");
        assertThat(browser.driver().findElements(By.cssSelector("#resend-all, #resend-selected, .resend-one, input[name=ids]")))
                .isEmpty();

        String token = browser.driver().findElement(By.cssSelector("form.logout input[name=_csrf]")).getAttribute("value");
        WebElement before = browser.driver().findElement(By.tagName("html"));
        ((JavascriptExecutor) browser.driver()).executeScript(
                "const f = document.createElement('form'); f.method = 'post'; f.action = arguments[1];"
                        + "const t = document.createElement('input'); t.name = '_csrf'; t.value = arguments[0];"
                        + "f.appendChild(t); document.body.appendChild(f); f.submit();", token,
                "/dlq/" + VIEWER_GROUP + "/resend-all");
        PageLoads.waitUntilReplaced(browser.driver(), before);
        Screenshots.save(browser.driver(), "denied");
        assertThat(browser.mainText()).contains("Not allowed");
        assertThat(deadLetters(VIEWER_GROUP)).isEqualTo(1);
    }

    @Test
    void aHandEditedCursorIsABadRequestWithASentence() {
        browser.driver().manage().deleteAllCookies();
        PageLoads.logIn(browser, "victor", "victor-secret");
        browser.go("/dlq/" + VIEWER_GROUP + "?cursor=nonsense");
        assertThat(browser.mainText()).contains("the page cursor 'nonsense' is not broker:offset");
    }

    private String flash() {
        return browser.driver().findElement(By.cssSelector(".flash.ok")).getText();
    }
}

package dev.mq.console;

import dev.mq.test.EmbeddedMq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "mq.console.users.alice.password={noop}alice-secret", "mq.console.users.alice.role=ADMIN",
                "mq.console.users.victor.password={noop}victor-secret", "mq.console.users.victor.role=VIEWER"})
@EmbeddedMq
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginBrowserTest {

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @BeforeAll
    void openBrowser() {
        browser.open("http://127.0.0.1:" + port);
    }

    @AfterAll
    void closeBrowser() {
        browser.close();
    }

    @Test
    void aWrongPasswordIsRefusedAndTheRightOneShowsTheOverview() {
        browser.logIn("alice", "wrong");
        assertThat(browser.mainText()).contains("Wrong user name or password");
        assertThat(browser.driver().getCurrentUrl()).contains("/login");

        browser.logIn("alice", "alice-secret");
        assertThat(browser.driver().getTitle()).startsWith("Overview");
        assertThat(browser.driver().findElements(By.cssSelector("#brokers tbody tr"))).hasSize(1);
        assertThat(browser.driver().findElement(By.cssSelector(".role")).getText()).isEqualTo("admin");
        PageLoads.click(browser.driver(), By.cssSelector("form.logout button"));
        assertThat(browser.mainText()).contains("You are logged out");
    }

    @Test
    void pagesNeedALogIn() {
        browser.driver().manage().deleteAllCookies();
        browser.go("/audit");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
    }

    @Test
    void aViewerReadsButAForgedActionIsRefused() {
        browser.driver().manage().deleteAllCookies();
        browser.logIn("victor", "victor-secret");
        assertThat(browser.driver().getTitle()).startsWith("Overview");
        assertThat(browser.driver().findElement(By.cssSelector(".role")).getText()).isEqualTo("viewer");
        // a POST with the viewer's session and a valid CSRF token, as a crafted form would send it
        String token = browser.driver().findElement(By.cssSelector("form.logout input[name=_csrf]"))
                .getAttribute("value");
        org.openqa.selenium.WebElement page = browser.driver().findElement(By.tagName("html"));
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "const f = document.createElement('form'); f.method = 'post'; f.action = '/topics';"
                        + "const t = document.createElement('input'); t.name = '_csrf'; t.value = arguments[0];"
                        + "f.appendChild(t); document.body.appendChild(f); f.submit();", token);
        PageLoads.waitUntilReplaced(browser.driver(), page);
        assertThat(browser.mainText()).contains("Not allowed");
    }
}

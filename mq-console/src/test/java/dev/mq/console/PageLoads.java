package dev.mq.console;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/**
 * Clicks that load another page (a link, a form's button), returning once the page the click left
 * is gone: a click can return before the browser navigates, and reading the page then would read
 * the old one.
 */
final class PageLoads {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private PageLoads() {
    }

    /** Clicks {@code element} and waits until its page has been replaced. */
    static void click(WebDriver driver, WebElement element) {
        WebElement page = driver.findElement(By.tagName("html"));
        element.click();
        waitUntilReplaced(driver, page);
    }

    /**
     * Waits until {@code page} (a page's {@code html} element) has been replaced by another page's.
     * Selenium's {@code stalenessOf} expects the driver to report a stale element; Chromium's driver
     * sometimes reports a node of the page being left as "does not belong to the document" instead,
     * which means the same.
     */
    static void waitUntilReplaced(WebDriver driver, WebElement page) {
        new WebDriverWait(driver, WAIT).until(ignored -> {
            try {
                page.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    /** Logs in through the form and waits until the page after the log-in has loaded. */
    static void logIn(Browser browser, String user, String password) {
        browser.go("/login");
        browser.driver().findElement(By.name("username")).sendKeys(user);
        browser.driver().findElement(By.name("password")).sendKeys(password);
        click(browser.driver(), By.cssSelector("button[type=submit]"));
    }

    /** Clicks what {@code locator} finds and waits until its page has been replaced. */
    static void click(WebDriver driver, By locator) {
        click(driver, driver.findElement(locator));
    }
}

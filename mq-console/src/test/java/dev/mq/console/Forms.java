package dev.mq.console;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Submits a form in the browser and waits until the next page has replaced the current one. */
final class Forms {

    private Forms() {
    }

    /** Clicks {@code button} (a form's submit button) and waits for the page it leads to. */
    static void submit(WebDriver driver, WebElement button) {
        WebElement page = driver.findElement(By.tagName("html"));
        button.click();
        PageLoads.waitUntilReplaced(driver, page);
    }
}

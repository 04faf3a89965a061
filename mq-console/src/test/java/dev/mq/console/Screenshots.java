package dev.mq.console;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

/**
 * Pictures of console pages for the documentation: {@link #save} writes
 * {@code docs/images/console-<name>.png} (of the repository) only when the system property
 * {@code console.screenshots} is set, e.g.
 * {@code ./mvnw -B verify -pl mq-console -am -Dconsole.screenshots -Dtest='*BrowserTest'}. A value other
 * than empty or {@code true} names another directory.
 */
final class Screenshots {

    static final String PROPERTY = "console.screenshots";

    private Screenshots() {
    }

    /** Saves what the browser shows now, if pictures were asked for. */
    static void save(WebDriver driver, String name) {
        String wanted = System.getProperty(PROPERTY);
        if (wanted == null) {
            return;
        }
        Path dir = wanted.isBlank() || wanted.equals("true") ? Paths.get("..", "docs", "images") : Paths.get(wanted);
        try {
            Files.createDirectories(dir);
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, dir.resolve("console-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the screenshot " + name + " under " + dir, e);
        }
    }
}

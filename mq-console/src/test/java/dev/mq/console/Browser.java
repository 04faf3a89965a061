package dev.mq.console;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Optional;

/**
 * A real headless Chromium driven through the system's chromedriver (Debian packages {@code chromium}
 * and {@code chromium-driver}), and a JUnit extension that saves a screenshot of the page under
 * {@code target/screenshots/} when a test fails.
 */
public final class Browser implements TestWatcher, AutoCloseable {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

    private WebDriver driver;
    private String baseUrl;

    /** Starts a browser for a console at {@code baseUrl} (e.g. {@code http://127.0.0.1:8082}). */
    public WebDriver open(String baseUrl) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver");
        }
        this.baseUrl = baseUrl;
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens {@code path} of the console. */
    public void go(String path) {
        driver.get(baseUrl + path);
    }

    /** Logs in through the form and returns once the page after it has loaded. */
    public void logIn(String user, String password) {
        PageLoads.logIn(this, user, password);
    }

    /** The visible text of the page's main part. */
    public String mainText() {
        return driver.findElement(By.tagName("main")).getText();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver instanceof TakesScreenshot camera) {
            try {
                Path dir = Files.createDirectories(Paths.get("target", "screenshots"));
                File shot = camera.getScreenshotAs(OutputType.FILE);
                String name = context.getRequiredTestClass().getSimpleName() + "-"
                        + context.getTestMethod().map(m -> m.getName()).orElse("test") + ".png";
                Files.copy(shot.toPath(), dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("could not save the failed test's screenshot", e);
            }
        }
    }

    @Override
    public void close() {
        Optional.ofNullable(driver).ifPresent(WebDriver::quit);
        driver = null;
    }
}

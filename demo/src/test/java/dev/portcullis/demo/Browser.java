package dev.portcullis.demo;

import dev.portcullis.adapters.keycloak.it.Chromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium for one browser suite: waits that say, on a timeout, where the browser
 * is and what it shows, and numbered screenshots of each step in the suite's own folder.
 */
public final class Browser implements AutoCloseable {

    private final ChromeDriver chrome;
    private final WebDriverWait wait;
    private final Path screenshots;
    private int shot;

    private Browser(ChromeDriver chrome, Path screenshots) {
        this.chrome = chrome;
        this.wait = new WebDriverWait(chrome, Duration.ofSeconds(30));
        this.screenshots = screenshots;
    }

    /** A fresh profile; the screenshot folder emptied. Fails loudly where Chromium is missing on CI. */
    public static Browser start(String suite, Path screenshots) throws IOException {
        Chromium.requireBrowser();
        LocalStack.deleteRecursively(screenshots);
        Files.createDirectories(screenshots);
        return new Browser(Chromium.start(Files.createTempDirectory("portcullis-" + suite + "-chromium")), screenshots);
    }

    public ChromeDriver driver() {
        return chrome;
    }

    /** The wait itself, for a suite that must tune it (elements a page re-renders). */
    public WebDriverWait waiting() {
        return wait;
    }

    /** Waits up to 30 s; on a timeout, a screenshot and an error naming the address and the page's text. */
    public void await(String what, Function<WebDriver, Boolean> condition) throws IOException {
        try {
            wait.until(condition::apply);
        } catch (TimeoutException e) {
            screenshot("timeout-" + what.replaceAll("\\W+", "-"));
            String text = bodyText();
            throw new AssertionError("waited 30 s for " + what + " at " + chrome.getCurrentUrl() + ", which shows: "
                    + (text.length() <= 1200 ? text : text.substring(0, 600) + " … " + text.substring(text.length() - 600)), e);
        }
    }

    /** Waits until the page (after a reload, back or forward) has loaded. */
    public void awaitLoaded() throws IOException {
        await("the page to load", d -> ((JavascriptExecutor) d).executeScript("return document.readyState").equals("complete"));
    }

    public String bodyText() {
        return chrome.findElement(By.tagName("body")).getText();
    }

    public void screenshot(String name) throws IOException {
        Files.write(screenshots.resolve(String.format("%02d-%s.png", ++shot, name)), chrome.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        chrome.quit();
    }
}

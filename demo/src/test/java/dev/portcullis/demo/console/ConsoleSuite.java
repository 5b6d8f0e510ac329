package dev.portcullis.demo.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.demo.Browser;
import dev.portcullis.demo.DemoStack;
import dev.portcullis.demo.LocalStack;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;

/** What the console's suites start alike: a clean product as {@code ./portcullis} runs it, and Chromium on it. */
abstract class ConsoleSuite {

    static final String CA = "/v1.0/identity/conditionalAccess";
    static final ObjectMapper JSON = new ObjectMapper();

    @AutoClose // after the last test: the product stops
    DemoStack stack;
    @AutoClose // after the last test: Chromium quits
    Browser browser;
    ChromeDriver chrome;

    /**
     * Starts Chromium (screenshots to {@code screenshots}) and a clean product in {@code directory},
     * its logs prefixed {@code logPrefix}, in a window 1280 wide and {@code height} high.
     */
    void start(String directory, Path screenshots, String logPrefix, int height) throws Exception {
        browser = Browser.start(directory, screenshots);
        stack = LocalStack.startClean(directory, logPrefix);
        chrome = browser.driver();
        chrome.manage().window().setSize(new Dimension(1280, height));
        browser.waiting().ignoring(StaleElementReferenceException.class); // the console re-renders a page it reloads
    }
}

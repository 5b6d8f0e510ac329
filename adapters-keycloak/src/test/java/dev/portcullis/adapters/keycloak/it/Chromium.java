package dev.portcullis.adapters.keycloak.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages, with a
 * virtual WebAuthn authenticator (platform, resident keys, user verification) standing in for a
 * passkey. A test tool's own browser download cannot work on these machines, so none is tried.
 */
public final class Chromium {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {}

    /**
     * Fails where CI requires a browser ({@code PORTCULLIS_BROWSER_REQUIRED=true}, set by .ci/run,
     * which installs it); elsewhere skips, saying loudly what is missing.
     */
    public static void requireBrowser() {
        boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        String message = "headless Chromium is not installed: the passkey logins were NOT tested. Install it with"
                + " 'apt-get install chromium chromium-driver' (.ci/run does)";
        if (!present) {
            System.err.println("\n*** " + message + " ***\n");
            if ("true".equals(System.getenv("PORTCULLIS_BROWSER_REQUIRED"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
    }

    public static ChromeDriver start(Path profile) {
        return start(profile, new ChromeOptions());
    }

    /** A phone: Chromium's mobile emulation of a Pixel-sized screen with Android Chrome's user agent. */
    public static ChromeDriver startPhone(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("mobileEmulation", java.util.Map.of(
                "deviceMetrics", java.util.Map.of("width", 412, "height", 915, "pixelRatio", 2.0, "touch", true),
                "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/156.0 Mobile Safari/537.36"));
        return start(profile, options);
    }

    private static ChromeDriver start(Path profile, ChromeOptions options) {
        options.setBinary(BROWSER.toFile());
        // Keycloak asks for a passkey's label with window.prompt. Accepted, not dismissed, when a command
        // meets it: whichever comes first, the test's own accept or its next look at the page, the label is kept.
        options.setUnhandledPromptBehaviour(org.openqa.selenium.UnexpectedAlertBehaviour.ACCEPT);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    public static VirtualAuthenticator passkeyAuthenticator(ChromeDriver driver) {
        return ((HasVirtualAuthenticator) driver).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
    }
}

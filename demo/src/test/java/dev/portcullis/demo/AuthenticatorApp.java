package dev.portcullis.demo;

import dev.portcullis.adapters.keycloak.it.Totp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** An authenticator app set up on Keycloak's pages in Chromium, as a person sets one up. */
public final class AuthenticatorApp {

    private AuthenticatorApp() {}

    /** On "More information required": chooses the authenticator app; Keycloak's set-up page comes next. */
    public static void choose(WebDriver chrome) {
        chrome.findElement(By.id("method-totp")).click();
        chrome.findElement(By.id("portcullis-next")).click();
    }

    /** The set-up page is ready once its secret is there. */
    public static boolean setUpPageShown(WebDriver chrome) {
        return !chrome.findElements(By.name("totpSecret")).isEmpty();
    }

    /** On Keycloak's set-up page: reads the secret, types a current code and the label, saves; returns the secret. */
    public static String setUp(WebDriver chrome, String label) throws Exception {
        String secret = chrome.findElement(By.name("totpSecret")).getAttribute("value");
        chrome.findElement(By.id("totp")).sendKeys(freshCode(secret));
        chrome.findElement(By.id("userLabel")).sendKeys(label);
        chrome.findElement(By.id("saveTOTPBtn")).click();
        return secret;
    }

    /**
     * A code that is still current when Keycloak reads it: on a busy machine a code typed in the last
     * seconds of its 30-second step can arrive in the next one, so those seconds are waited out.
     */
    public static String freshCode(String secret) throws Exception {
        long intoStep = Instant.now().toEpochMilli() % 30_000;
        if (intoStep > 22_000) {
            Thread.sleep(30_000 - intoStep + 500);
        }
        return Totp.code(secret.getBytes(StandardCharsets.US_ASCII), Instant.now());
    }
}

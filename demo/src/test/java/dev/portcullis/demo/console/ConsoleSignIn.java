package dev.portcullis.demo.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.demo.AuthenticatorApp;
import dev.portcullis.demo.Browser;
import dev.portcullis.demo.ControlPlaneRealm;
import dev.portcullis.demo.DemoDirectory;
import dev.portcullis.demo.DemoStack;
import java.io.IOException;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

/** What the console's suites share: its address, and a person signing in to it through Keycloak's pages. */
final class ConsoleSignIn {

    private ConsoleSignIn() {}

    static String consoleUrl(DemoStack stack) {
        return stack.settings().controlPlaneUrl() + "/console/";
    }

    /** From the console's sign-in page to Keycloak's login (with PKCE), where the person types username and password. */
    static void atKeycloak(Browser browser, String username) throws IOException {
        ChromeDriver chrome = browser.driver();
        chrome.findElement(By.id("console-sign-in")).click();
        browser.await("Keycloak's login page", d -> present(d, "#username"));
        assertThat(chrome.getCurrentUrl()).contains("/realms/" + ControlPlaneRealm.REALM + "/")
                .contains("code_challenge_method=S256").contains("client_id=" + ControlPlaneRealm.CONSOLE_CLIENT);
        chrome.findElement(By.id("username")).sendKeys(username);
        chrome.findElement(By.id("password")).sendKeys(DemoDirectory.PASSWORD);
        chrome.findElement(By.id("kc-login")).click();
    }

    /** On "More information required": chooses the authenticator app and registers it with a fresh code. */
    static void registerAuthenticatorApp(Browser browser) throws Exception {
        AuthenticatorApp.choose(browser.driver());
        browser.await("the authenticator app's registration", AuthenticatorApp::setUpPageShown);
        AuthenticatorApp.setUp(browser.driver(), "Admin's phone");
    }

    static boolean present(WebDriver driver, String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }
}

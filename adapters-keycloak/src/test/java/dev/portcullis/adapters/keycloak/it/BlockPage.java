package dev.portcullis.adapters.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The block page read back as a user sees it: Entra's details (application, request id, correlation
 * id, time), which support uses to find the sign-in record, and which policy blocked only there.
 */
public record BlockPage(String application, String requestId, String correlationId, Instant time) {

    private static final Pattern QUOTED = Pattern.compile(
            "Request id: ([0-9a-f-]{36})\\. Correlation id: ([0-9a-f-]{36})\\. Time: (\\S+Z)\\.");

    /** The page is a block page (status 403, no code for the application): its details. */
    public static BlockPage of(BrowserSession.Page page) {
        assertThat(page.status()).as(page.text()).isEqualTo(403);
        assertThat(page.returnedToApp()).as("a blocked login reaches the application").isEmpty();
        return shown(page).orElseThrow(() -> new AssertionError("not the block page: " + page.text()));
    }

    /** The block page's details, if the page is one. */
    public static Optional<BlockPage> shown(BrowserSession.Page page) {
        Document html = page.document();
        Element time = html.selectFirst("#portcullis-time");
        if (page.status() != 403 || html.selectFirst("#portcullis-blocked") == null || time == null) {
            return Optional.empty();
        }
        return Optional.of(new BlockPage(text(html, "#portcullis-application"), text(html, "#portcullis-request-id"),
                text(html, "#portcullis-correlation-id"), Instant.parse(time.attr("datetime"))));
    }

    /** The ids an OAuth error description quotes, as the token endpoint gives them. */
    public static BlockPage quotedIn(String errorDescription, String application) {
        Matcher ids = QUOTED.matcher(errorDescription);
        assertThat(ids.find()).as("request and correlation ids in: " + errorDescription).isTrue();
        return new BlockPage(application, ids.group(1), ids.group(2), Instant.parse(ids.group(3)));
    }

    /** Asserts that the page tells the user nothing of the policies behind the block. */
    public static void namesNoPolicy(BrowserSession.Page page, String... policyNames) {
        for (String policy : policyNames) {
            assertThat(page.html()).as("the block page names a policy").doesNotContain(policy);
        }
    }

    private static String text(Document html, String selector) {
        Element element = html.selectFirst(selector);
        return element == null ? "" : element.text();
    }
}

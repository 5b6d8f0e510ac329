package dev.portcullis.adapters.keycloak.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A user's browser over plain HTTP: follows Keycloak's redirects, keeps its cookies per path as a
 * browser does (each realm has its own; Keycloak marks them Secure even on http, which Java's
 * CookieManager would refuse to send back), and submits the real login forms. Stops at the
 * redirect back to the application.
 */
public final class BrowserSession {

    /** A page Keycloak rendered, or the redirect back to the application. */
    public record Page(int status, URI url, String html, Optional<URI> returnedToApp) {
        public Document document() {
            return Jsoup.parse(html, url.toString());
        }

        public boolean signedIn() {
            return returnedToApp.map(u -> u.getQuery() != null && u.getQuery().contains("code=")).orElse(false);
        }

        public boolean has(String cssSelector) {
            return !document().select(cssSelector).isEmpty();
        }

        public String text() {
            return document().text();
        }
    }

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** Cookie values by path, then by name; shared with the other tabs of the same browser. */
    private final Map<String, Map<String, String>> cookies;
    private final String keycloakBase;
    private final String userAgent;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public BrowserSession(String keycloakBase, String userAgent) {
        this(keycloakBase, userAgent, new LinkedHashMap<>());
    }

    private BrowserSession(String keycloakBase, String userAgent, Map<String, Map<String, String>> cookies) {
        this.keycloakBase = keycloakBase;
        this.userAgent = userAgent;
        this.cookies = cookies;
    }

    /** A header the reverse proxy in front of Keycloak adds (client address, client certificate). */
    public BrowserSession withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Page get(String url) throws IOException, InterruptedException {
        return follow(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public Page openLogin(String realm, String clientId, String redirectUri) throws IOException, InterruptedException {
        return get(keycloakBase + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=" + clientId
                + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)
                + "&response_type=code&scope=openid&state=it-" + System.nanoTime());
    }

    /** Fills the form found by the selector (keeping its hidden fields) and submits it. */
    public Page submit(Page page, String formSelector, Map<String, String> values) throws IOException, InterruptedException {
        return post(formAction(page, formSelector), formBody(page, formSelector, values));
    }

    public Page login(Page page, String username, String password) throws IOException, InterruptedException {
        return submit(page, "#kc-form-login", Map.of("username", username, "password", password));
    }

    /** Another tab of the same browser: it shares this one's cookies. */
    public BrowserSession anotherTab() {
        BrowserSession tab = new BrowserSession(keycloakBase, userAgent, cookies);
        tab.headers.putAll(headers);
        return tab;
    }

    /**
     * The same browser reaching Keycloak at another address: another node of a cluster, where a load
     * balancer that does not stick sends a request. Cookies and headers are shared.
     */
    public BrowserSession at(String otherKeycloakBase) {
        BrowserSession node = new BrowserSession(otherKeycloakBase, userAgent, cookies);
        node.headers.putAll(headers);
        return node;
    }

    /** Sends a form again, exactly as it was sent (a replayed POST). */
    public Page post(URI action, String body) throws IOException, InterruptedException {
        return follow(HttpRequest.newBuilder(action).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The body {@link #submit} would send for this form and these values. */
    public static String formBody(Page page, String formSelector, Map<String, String> values) {
        Element form = page.document().selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("no form " + formSelector + " on " + page.url() + ":\n" + page.text());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            String type = input.attr("type");
            if (type.equals("radio") || type.equals("checkbox")) {
                if (input.hasAttr("checked")) {
                    fields.put(input.attr("name"), input.attr("value"));
                }
            } else if (!type.equals("submit")) {
                fields.put(input.attr("name"), input.attr("value"));
            }
        }
        fields.putAll(values);
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The absolute action URL of a form on the page. */
    public static URI formAction(Page page, String formSelector) {
        Element form = page.document().selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("no form " + formSelector + " on " + page.url() + ":\n" + page.text());
        }
        return URI.create(form.absUrl("action"));
    }

    public void forgetCookies() {
        cookies.clear();
    }

    private Page follow(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request);
        for (int hops = 0; hops < 20; hops++) {
            int status = response.statusCode();
            if (status < 300 || status >= 400) {
                return new Page(status, response.uri(), response.body(), Optional.empty());
            }
            URI location = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            if (!location.toString().startsWith(keycloakBase)) {
                return new Page(status, response.uri(), response.body(), Optional.of(location));
            }
            response = send(HttpRequest.newBuilder(location).GET());
        }
        throw new AssertionError("too many redirects");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        URI uri = request.copy().build().uri();
        String requestPath = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        String cookie = cookies.entrySet().stream().filter(byPath -> requestPath.startsWith(byPath.getKey()))
                .sorted((a, b) -> b.getKey().length() - a.getKey().length()) // the most specific path first
                .flatMap(byPath -> byPath.getValue().entrySet().stream()).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        request.header("User-Agent", userAgent).timeout(Duration.ofSeconds(60));
        headers.forEach(request::header);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        List<String> setCookies = response.headers().allValues("Set-Cookie");
        for (String header : setCookies) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            String lower = header.toLowerCase();
            String path = "/";
            for (String attribute : header.split(";")) {
                if (attribute.trim().toLowerCase().startsWith("path=")) {
                    path = attribute.trim().substring(5);
                }
            }
            if (value.isEmpty() || lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")) {
                Optional.ofNullable(cookies.get(path)).ifPresent(byName -> byName.remove(name));
            } else {
                cookies.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(name, value);
            }
        }
        return response;
    }
}

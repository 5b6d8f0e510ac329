package dev.portcullis.adapters.keycloak.it;

import dev.portcullis.adapters.keycloak.push.TestPhone;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A phone running the companion, without a browser: a P-256 key signing the companion's statements
 * as WebCrypto does in the app, sent to the companion's API on whichever Keycloak address it is
 * given (in a cluster, any node).
 *
 * @param realm the realm the phone is enrolled in
 */
record CompanionPhone(TestPhone keys, String deviceId, String userId, String realm) {

    static final Pattern NUMBER = Pattern.compile("id=\"portcullis-push-number\"[^>]*>\\s*(\\d{2})\\s*<");
    static final Pattern STATUS_URL = Pattern.compile("var url = \"([^\"]+)\"");
    static final Pattern ENROL_CODE = Pattern.compile("id=\"portcullis-push-code\"[^>]*>([A-Z0-9-]+)<");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * Enrols a new phone for a user with no second factor yet: the browser signs in at {@code base}
     * up to "More information required" and picks push; the phone registers its key and approves
     * the test push at {@code phoneBase}; the browser finishes the login.
     */
    static CompanionPhone enrol(BrowserSession browser, String base, String phoneBase, String realm, String user,
            String password, String redirect) throws Exception {
        BrowserSession.Page more = browser.login(browser.openLogin(realm, "portal", redirect), user, password);
        BrowserSession.Page enrolPage = browser.submit(more, "#portcullis-register-form", Map.of("method", "push"));
        String code = find(ENROL_CODE, enrolPage.html());
        String enrolmentUrl = find(STATUS_URL, enrolPage.html()).replaceFirst("^http://[^/]+", base);
        TestPhone keys = new TestPhone();
        String deviceId = "test-device-" + user + "-0000";
        String body = "{\"token\":\"" + code + "\",\"deviceId\":\"" + deviceId + "\",\"deviceName\":\"test\","
                + "\"publicKey\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + keys.x()
                + "\",\"y\":\"" + keys.y() + "\"},\"signature\":\""
                + keys.sign("portcullis-push-enrol-v1\n" + code + "\n" + deviceId) + "\"}";
        HttpResponse<String> enrolled = post(phoneBase, realm, "enrol", body);
        if (enrolled.statusCode() != 200) {
            throw new AssertionError("enrolment refused: " + enrolled.body());
        }
        CompanionPhone phone = new CompanionPhone(keys, deviceId, JsonLite.parse(enrolled.body()).get("userId"), realm);
        JsonLite test = phone.pending(phoneBase);
        String number = JsonLite.parse(HTTP.send(HttpRequest.newBuilder(URI.create(enrolmentUrl)).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("number");
        phone.respond(phoneBase, phone.answer(test, number, "approve"));
        BrowserSession.Page done = browser.submit(enrolPage, "#portcullis-push-enrol-form", Map.of());
        if (!done.signedIn()) {
            throw new AssertionError("enrolment did not finish: " + done.text());
        }
        return phone;
    }

    /** The push waiting for this phone's user, fetched (held up to 10 s) from {@code base}. */
    JsonLite pending(String base) throws Exception {
        long time = Instant.now().getEpochSecond();
        String body = "{\"userId\":\"" + userId + "\",\"deviceId\":\"" + deviceId + "\",\"time\":" + time
                + ",\"signature\":\"" + keys.sign("portcullis-push-poll-v1\n" + userId + "\n" + deviceId + "\n" + time)
                + "\"}";
        HttpResponse<String> response = post(base, realm, "pending?wait=10", body);
        if (response.statusCode() != 200) {
            throw new AssertionError("no push reached the phone: " + response.statusCode() + " " + response.body());
        }
        return JsonLite.parse(response.body());
    }

    /** The signed answer to a push, as the app sends it: {@code approve} with the number typed, or {@code deny}. */
    String answer(JsonLite challenge, String number, String decision) {
        String typed = decision.equals("approve") ? number : "";
        long time = Instant.now().getEpochSecond();
        String challengeId = challenge.get("challengeId");
        String nonce = challenge.get("nonce");
        String signature = keys.sign(String.join("\n", "portcullis-push-answer-v1", challengeId, nonce, typed,
                decision, Long.toString(time)));
        return "{\"userId\":\"" + userId + "\",\"deviceId\":\"" + deviceId + "\",\"challengeId\":\"" + challengeId
                + "\",\"nonce\":\"" + nonce + "\",\"number\":\"" + typed + "\",\"decision\":\"" + decision + "\","
                + "\"time\":" + time + ",\"signature\":\"" + signature + "\"}";
    }

    /** Sends an answer (a fresh one, or one captured earlier) to {@code base}. */
    HttpResponse<String> respond(String base, String answer) throws Exception {
        return post(base, realm, "respond", answer);
    }

    private static HttpResponse<String> post(String base, String realm, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/realms/" + realm
                + "/portcullis/companion/api/" + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String find(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        if (!m.find()) {
            throw new AssertionError("not on the page: " + pattern + "\n" + html);
        }
        return m.group(1);
    }

    /** The few flat string fields read from the API's JSON. */
    record JsonLite(String text) {
        static JsonLite parse(String body) {
            return new JsonLite(body);
        }

        String get(String field) {
            Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(text);
            if (!m.find()) {
                throw new AssertionError("no " + field + " in " + text);
            }
            return m.group(1);
        }
    }
}

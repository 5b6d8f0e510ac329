package dev.portcullis.adapters.keycloak.shipping;

import dev.portcullis.graphjson.Parsed;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A bearer token for the control plane, from an OAuth client-credentials grant, cached until shortly
 * before it expires. The secret is never logged.
 */
public final class ClientCredentialsToken implements BearerToken {

    private static final Logger LOG = Logger.getLogger(ClientCredentialsToken.class.getName());

    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Clock clock;
    private String token;
    private Instant expires = Instant.MIN;

    public ClientCredentialsToken(URI tokenUrl, String clientId, String clientSecret, Clock clock) {
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    @Override
    public synchronized void refused() {
        token = null;
    }

    @Override
    public synchronized Optional<String> get() {
        if (token != null && clock.instant().isBefore(expires)) {
            return Optional.of(token);
        }
        try {
            String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                    + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(tokenUrl).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                LOG.log(Level.WARNING, "event=token_refused url={0} status={1} client={2}",
                        new Object[] {tokenUrl, response.statusCode(), clientId});
                return Optional.empty();
            }
            Parsed<TokenResponse> body = TokenResponse.read(response.body());
            if (!body.ok()) {
                LOG.log(Level.WARNING, "event=token_unreadable url={0} problems={1}", new Object[] {tokenUrl, body.errors()});
                return Optional.empty();
            }
            token = body.value().accessToken();
            expires = clock.instant().plusSeconds(Math.max(body.value().expiresInSeconds() - 30, 5));
            return Optional.of(token);
        } catch (java.io.IOException e) {
            LOG.log(Level.WARNING, "event=token_unavailable url={0} error={1}", new Object[] {tokenUrl, e.toString()});
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

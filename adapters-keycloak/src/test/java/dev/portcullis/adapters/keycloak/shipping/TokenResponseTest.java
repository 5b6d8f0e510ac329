package dev.portcullis.adapters.keycloak.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenResponseTest {

    @Test
    void readsTheTokenAndItsLifetime() {
        TokenResponse token = TokenResponse.read(bytes("{\"access_token\": \"abc\", \"token_type\": \"Bearer\","
                + " \"expires_in\": 300}")).orElseThrow();

        assertThat(token).isEqualTo(new TokenResponse("abc", 300));
    }

    @Test
    void aResponseThatDoesNotSayHowLongAssumesOneMinute() {
        assertThat(TokenResponse.read(bytes("{\"access_token\": \"abc\"}")).orElseThrow().expiresInSeconds())
                .isEqualTo(60);
    }

    @Test
    void noTokenOrNoJsonIsAProblemNotAnException() {
        assertThat(TokenResponse.read(bytes("{\"error\": \"invalid_client\"}")).errors()).singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("access_token"));
        assertThat(TokenResponse.read(bytes("<html>")).ok()).isFalse();
        assertThat(TokenResponse.read(new byte[0]).ok()).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

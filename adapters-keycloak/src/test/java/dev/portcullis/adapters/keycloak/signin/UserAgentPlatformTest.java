package dev.portcullis.adapters.keycloak.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.signin.DevicePlatform;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserAgentPlatformTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36|windows",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15|macOS",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148|iOS",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1|iOS",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/156.0 Mobile Safari/537.36|android",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36|linux",
        "Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Microsoft; Lumia 950) Edge/15.15063|windowsPhone"})
    void knownPlatforms(String userAgent, String platform) {
        assertThat(UserAgentPlatform.of(userAgent).map(DevicePlatform::graphName)).contains(platform);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"curl/8.5.0", "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) Chrome/156.0", "''"})
    void unknownPlatforms(String userAgent) {
        assertThat(UserAgentPlatform.of(userAgent)).isEmpty();
    }
}

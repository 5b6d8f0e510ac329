package dev.portcullis.adapters.keycloak.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.location.IpAddress;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DevicePlatform;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionOriginTest {

    @Test
    void aNoteGivesBackTheOriginItWasMadeFromEvenWithSeparatorsInTheDeviceId() {
        SessionOrigin origin = new SessionOrigin(ClientAppType.OTHER, IpAddress.parse("2001:db8::7"),
                Optional.of(DevicePlatform.IOS), Optional.of("laptop&42=a b"));
        assertThat(SessionOrigin.parse(origin.format())).contains(origin);
    }

    @Test
    void whatALoginDidNotKnowStaysUnknown() {
        SessionOrigin origin = new SessionOrigin(ClientAppType.BROWSER, Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(origin.format()).isEqualTo("appType=browser");
        assertThat(SessionOrigin.parse(origin.format())).contains(origin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ip=10.0.0.1", "appType=all&ip=10.0.0.1", "appType=tablet", "garbage"})
    void aNoteWithoutAConcreteClientAppTypeProvesNothing(String note) {
        assertThat(SessionOrigin.parse(note)).isEmpty();
    }

    @Test
    void aDamagedAddressOrPlatformIsDroppedNotGuessed() {
        assertThat(SessionOrigin.parse("appType=browser&ip=999.1.1.1&platform=amiga"))
                .contains(new SessionOrigin(ClientAppType.BROWSER, Optional.empty(), Optional.empty(), Optional.empty()));
    }
}

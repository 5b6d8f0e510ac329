package dev.portcullis.adapters.keycloak.signin;

import dev.portcullis.adapters.keycloak.spi.PortcullisProvider;
import dev.portcullis.core.location.IpAddress;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.DeviceState;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.x509.X509ClientCertificateLookup;

/** Where the user is: the address, the platform and the device that count for one sign-in. */
record SignInPlace(Optional<IpAddress> ip, Optional<DevicePlatform> platform, DeviceState device) {

    /** Address, platform and device of the request at hand, as Keycloak resolved them. */
    static SignInPlace ofRequest(KeycloakSession session, PortcullisProvider portcullis, Instant now) {
        String userAgent = session.getContext().getRequestHeaders().getHeaderString("User-Agent");
        return new SignInPlace(IpAddress.parse(session.getContext().getConnection().getRemoteAddr()),
                UserAgentPlatform.of(userAgent), device(session, session.getContext().getHttpRequest(), portcullis, now));
    }

    /** Address, platform and device of a login under way. */
    static SignInPlace ofLogin(KeycloakSignIn.Login login, PortcullisProvider portcullis, Instant now) {
        return new SignInPlace(IpAddress.parse(login.connection().getRemoteAddr()),
                UserAgentPlatform.of(login.request().getHttpHeaders().getHeaderString("User-Agent")),
                device(login.session(), login.request(), portcullis, now));
    }

    /** The device its client certificate proves, if the request shows one. */
    private static DeviceState device(KeycloakSession session, HttpRequest request, PortcullisProvider portcullis,
            Instant now) {
        X509ClientCertificateLookup lookup = session.getProvider(X509ClientCertificateLookup.class);
        if (lookup == null) {
            return DeviceState.UNKNOWN;
        }
        try {
            X509Certificate[] chain = lookup.getCertificateChain(request);
            return portcullis.signals().deviceState(chain, now);
        } catch (Exception e) {
            return DeviceState.UNKNOWN;
        }
    }
}

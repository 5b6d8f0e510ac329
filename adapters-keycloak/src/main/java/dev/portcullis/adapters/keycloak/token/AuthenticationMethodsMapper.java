package dev.portcullis.adapters.keycloak.token;

import dev.portcullis.adapters.keycloak.signin.SatisfiedMethods;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.signin.SatisfiedMethod;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

/**
 * Writes the RFC 8176 {@code amr} claim from what Conditional Access recorded for the user session
 * ({@link SatisfiedMethods#NOTE}, written when the step allowed the sign-in): {@code pwd}, {@code otp},
 * {@code hwk}, {@code swk}, and {@code mfa} when those meet the MFA strength. A resource server (the
 * control plane) can then ask for a sign-in that proved MFA. A session the step never allowed (a
 * service account, a realm without Portcullis' flows) gets no {@code amr} at all.
 *
 * <p>Keycloak's protocol-mapper SPI has no separate factory: a {@code ProtocolMapper} is its own
 * factory, stateless, and registered in {@code META-INF/services/org.keycloak.protocol.ProtocolMapper}.
 */
public final class AuthenticationMethodsMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = "portcullis-amr-mapper";
    public static final String CLAIM = "amr";

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, AuthenticationMethodsMapper.class);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Portcullis authentication methods (amr)";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Adds the RFC 8176 'amr' claim (pwd, otp, hwk, swk, mfa) from the methods Portcullis' Conditional Access"
                + " step recorded for this user session. 'mfa' means the methods met the MFA authentication strength.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel model, UserSessionModel userSession,
            KeycloakSession session, ClientSessionContext clientSession) {
        List<String> amr = AuthenticationMethodReferences.of(proven(userSession));
        if (!amr.isEmpty()) {
            token.setOtherClaims(CLAIM, amr);
        }
    }

    private static Set<AuthenticationMethod> proven(UserSessionModel userSession) {
        Set<AuthenticationMethod> methods = EnumSet.noneOf(AuthenticationMethod.class);
        if (userSession != null) {
            SatisfiedMethods.parse(userSession.getNote(SatisfiedMethods.NOTE)).stream()
                    .map(SatisfiedMethod::method).forEach(methods::add);
        }
        return methods;
    }
}

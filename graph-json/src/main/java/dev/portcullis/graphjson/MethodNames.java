package dev.portcullis.graphjson;

import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.policy.GraphNamed;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A method's name on the wire, wherever one is named (strength combinations, What-If's used and
 * registered methods): Graph's {@code authenticationMethodModes} or Portcullis' own names, read
 * into the same core methods.
 */
final class MethodNames {

    /** Graph's modes Keycloak can perform; fido2 is both a security key and a passkey. */
    private static final Map<String, Set<AuthenticationMethod>> GRAPH_MODES = Map.of(
            "password", Set.of(AuthenticationMethod.PASSWORD),
            "softwareOath", Set.of(AuthenticationMethod.TOTP),
            "hardwareOath", Set.of(AuthenticationMethod.TOTP),
            "fido2", Set.of(AuthenticationMethod.SECURITY_KEY, AuthenticationMethod.PASSKEY),
            "microsoftAuthenticatorPush", Set.of(AuthenticationMethod.PUSH));

    /** Graph's modes no Keycloak method performs: valid names that satisfy nothing here. */
    private static final List<String> NOT_IN_KEYCLOAK = List.of("windowsHelloForBusiness",
            "x509CertificateMultiFactor", "x509CertificateSingleFactor", "federatedMultiFactor",
            "federatedSingleFactor", "deviceBasedPush", "temporaryAccessPassOneTime", "temporaryAccessPassMultiUse",
            "sms", "voice", "email", "qrCodePin");

    private MethodNames() {}

    /**
     * The core methods a name stands for (alternatives for fido2); empty if Keycloak has none.
     * Case-insensitive, as Graph reads enum values.
     */
    static Set<AuthenticationMethod> methods(String name) {
        for (Map.Entry<String, Set<AuthenticationMethod>> mode : GRAPH_MODES.entrySet()) {
            if (mode.getKey().equalsIgnoreCase(name)) {
                return mode.getValue();
            }
        }
        return GraphNamed.parse(AuthenticationMethod.class, name).map(Set::of).orElse(Set.of());
    }

    static boolean performedElsewhereOnly(String name) {
        return NOT_IN_KEYCLOAK.stream().anyMatch(name::equalsIgnoreCase);
    }

    /**
     * A list of methods a user used or registered: every core method each name stands for. A Graph
     * mode Keycloak cannot perform is a warning (it counts for nothing); an unknown name an error.
     */
    static Set<AuthenticationMethod> read(JsonReader r, String field) {
        Set<AuthenticationMethod> result = EnumSet.noneOf(AuthenticationMethod.class);
        List<String> names = r.strings(field);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String path = r.path(field) + "[" + i + "]";
            if (performedElsewhereOnly(name)) {
                r.problems().unenforceable(path, "'" + name + "' cannot be performed in Keycloak: it counts for nothing");
            } else if (methods(name).isEmpty()) {
                r.problems().error(path, "unknown value '" + name + "'; allowed: " + String.join(", ", allowed()));
            }
            result.addAll(methods(name));
        }
        return result;
    }

    private static List<String> allowed() {
        List<String> allowed = new ArrayList<>();
        for (AuthenticationMethod method : AuthenticationMethod.values()) {
            allowed.add(method.graphName());
        }
        GRAPH_MODES.keySet().stream().filter(name -> !allowed.contains(name)).sorted().forEach(allowed::add);
        allowed.addAll(NOT_IN_KEYCLOAK);
        return allowed;
    }
}

package dev.portcullis.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./portcullis}: Keycloak 26.7.3 with the Portcullis provider pulling its policies from the
 * control plane (on its embedded H2 database), a demo realm, and the seed rollout written through
 * the control plane's API. Everything lives under {@code .portcullis/} and survives a restart;
 * Ctrl-C stops both cleanly.
 */
public final class Launcher {

    private static final String KEYCLOAK_VERSION = "26.7.3";

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Path base = Path.of(".portcullis").toAbsolutePath();
        DemoStack.Settings settings = new DemoStack.Settings(base, base.resolve("keycloak/keycloak-" + KEYCLOAK_VERSION),
                Path.of("app/target/quarkus-app/quarkus-run.jar").toAbsolutePath(), providerJar(),
                Integer.parseInt(System.getenv().getOrDefault("PORTCULLIS_KEYCLOAK_PORT", "8080")),
                Integer.parseInt(System.getenv().getOrDefault("PORTCULLIS_CONTROL_PLANE_PORT", "8081")),
                keycloakOptions(base), Map.of());
        if (args.length > 0) {
            System.exit(command(settings, args));
        }
        DemoStack stack;
        try {
            stack = DemoStack.start(settings, Launcher::step);
        } catch (IllegalStateException e) {
            System.err.println("portcullis: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping Keycloak and the control plane ...");
            stack.close();
            System.out.println("stopped; your data is kept in .portcullis/");
        }, "portcullis-stop"));
        printWelcome(settings.keycloakUrl(), settings.controlPlaneUrl(), settings.keycloakLog(), settings.controlPlaneLog());
        stack.awaitExit();
    }

    /** {@code ./portcullis enrol-device USERNAME}, beside a running demo; the exit status. */
    private static int command(DemoStack.Settings settings, String[] args) {
        if (args.length != 2 || !args[0].equals("enrol-device")) {
            System.err.println("usage: ./portcullis                        runs the demo");
            System.err.println("       ./portcullis enrol-device USERNAME  (while it runs) enrols USERNAME's company laptop");
            return 2;
        }
        try {
            DeviceCa.Issued laptop = CompanyLaptop.enrol(settings, args[1]);
            System.out.println("portcullis: enrolled " + laptop.deviceId() + " (managed, compliant, owned by " + args[1]
                    + ") in the control plane's inventory");
            System.out.println("  its certificate: " + laptop.certificateFile() + " (key " + laptop.keyFile() + ")");
            System.out.println("  for a browser:   " + laptop.pkcs12File() + " (PKCS#12, password " + DeviceCa.PKCS12_PASSWORD + ")");
            System.out.println("  Keycloak trusts it behind a TLS proxy that asks for client certificates and forwards them");
            System.out.println("  in the RFC 9440 Client-Cert header (docs/deployment.md); to try it without one:");
            System.out.println("    restart with PORTCULLIS_KEYCLOAK_OPTIONS=--spi-x509cert-lookup--provider=rfc9440 and send");
            System.out.println("    Client-Cert: " + laptop.clientCertHeader().substring(0, 24) + "...: (the whole certificate)");
            return 0;
        } catch (Exception e) {
            System.err.println("portcullis: could not enrol the laptop: " + e.getMessage()
                    + " (is ./portcullis running in another terminal?)");
            return 1;
        }
    }

    /** The country database, and any options in {@code PORTCULLIS_KEYCLOAK_OPTIONS} (space-separated). */
    private static List<String> keycloakOptions(Path base) {
        List<String> options = new java.util.ArrayList<>(countryDatabase(base));
        String extra = System.getenv().getOrDefault("PORTCULLIS_KEYCLOAK_OPTIONS", "").trim();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return options;
    }

    /** The country database {@code ./portcullis} fetched, when it could (docs/deployment.md). */
    private static List<String> countryDatabase(Path base) {
        Path file = base.resolve("geoip/country.mmdb");
        if (!Files.isRegularFile(file)) {
            System.out.println("portcullis: no country database in " + file + ": every country is unknown"
                    + " (docs/deployment.md says how to add one)");
            return List.of();
        }
        return List.of("--spi-portcullis--default--geoip-database=" + file);
    }

    /** The provider JAR the build made (its name carries the version). */
    private static Path providerJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("adapters-keycloak/target"))) {
            return files.filter(p -> p.getFileName().toString().matches("portcullis-adapters-keycloak-.*-provider\\.jar"))
                    .findFirst().orElse(Path.of("adapters-keycloak/target/portcullis-adapters-keycloak-provider.jar"))
                    .toAbsolutePath();
        } catch (IOException noTarget) {
            return Path.of("adapters-keycloak/target/portcullis-adapters-keycloak-provider.jar").toAbsolutePath();
        }
    }

    private static void printWelcome(String url, String controlPlane, Path keycloakLog, Path controlPlaneLog) {
        String realm = url + "/realms/" + DemoDirectory.REALM;
        System.out.println();
        System.out.println("Portcullis is running. Press Ctrl-C to stop.");
        System.out.println();
        System.out.println("  Sign in (account console): " + realm + "/account/");
        System.out.println("  Keycloak admin console:    " + url + "/admin/  (admin / " + DemoStack.KEYCLOAK_ADMIN_PASSWORD
                + "; an admin portal: MFA, set up at the first sign-in)");
        System.out.println("  Portcullis console:        " + controlPlane + "/console/  (docs/console.md)");
        System.out.println("  Control plane API:         " + controlPlane + "/q/swagger-ui/  (OpenAPI: " + controlPlane
                + "/openapi)");
        System.out.println("  Control plane sign-in:     " + ControlPlaneRealm.ADMIN_USER + " (administrator, with MFA), "
                + ControlPlaneRealm.HELPDESK_USER + " (service desk: temporary access passes, with MFA) or "
                + ControlPlaneRealm.READER_USER + " (reader), password " + DemoDirectory.PASSWORD);
        System.out.println("  Logs:                      " + keycloakLog + ", " + controlPlaneLog);
        System.out.println();
        System.out.println("  Demo users, password " + DemoDirectory.PASSWORD + ":");
        for (DemoDirectory.Person person : DemoDirectory.PEOPLE) {
            System.out.printf("    %-16s %s%n", person.username(), person.story());
        }
        System.out.println();
        System.out.println("  Try:");
        System.out.println("    - ivan.it signs in: MFA for the IT pilot is enforced, so he is asked for more information");
        System.out.println("      and registers an authenticator app; anna.accountant gets no prompt from the office.");
        System.out.println("    - The legacy mail client's password grant is blocked (legacy authentication):");
        System.out.println("      curl -s -d grant_type=password -d client_id=legacy-mail -d username=anna.accountant \\");
        System.out.println("           -d password=" + DemoDirectory.PASSWORD + " " + realm + "/protocol/openid-connect/token");
        String cp = url + "/realms/" + ControlPlaneRealm.REALM + "/protocol/openid-connect";
        System.out.println("    - Talk to the control plane as its administrator: sign in on a device (RFC 8628) with MFA.");
        System.out.println("      The first time, " + ControlPlaneRealm.ADMIN_USER + " registers an authenticator app; a policy"
                + " change needs a sign-in that proved MFA.");
        System.out.println("      DEVICE=$(curl -s -d client_id=" + ControlPlaneRealm.CLI_CLIENT + " " + cp + "/auth/device)");
        System.out.println("      echo \"$DEVICE\"   # open its verification_uri_complete, sign in as "
                + ControlPlaneRealm.ADMIN_USER + ", grant access");
        System.out.println("      TOKEN=$(curl -s -d grant_type=urn:ietf:params:oauth:grant-type:device_code -d client_id="
                + ControlPlaneRealm.CLI_CLIENT + " \\");
        System.out.println("           -d device_code=$(echo \"$DEVICE\" | sed 's/.*\"device_code\":\"\\([^\"]*\\)\".*/\\1/') \\");
        System.out.println("           " + cp + "/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
        System.out.println("      curl -s -H \"Authorization: Bearer $TOKEN\" " + controlPlane
                + "/v1.0/identity/conditionalAccess/policies");
        System.out.println("    - Keycloak's own admin CLI: admin-cli's password grant is legacy authentication, blocked; sign in");
        System.out.println("      on a device instead, the same way, with client_id=admin-cli at " + url
                + "/realms/master/protocol/openid-connect,");
        System.out.println("      and call Keycloak's Admin API (" + url + "/admin/realms) with the token. The launcher uses");
        System.out.println("      the service account " + MasterRealm.PROVISIONER_CLIENT
                + " (provisioner-client-secret), also the way in should a policy lock everyone out.");
        System.out.println("    - Scripts and CI use the automation client (client credentials, no MFA, so guard its secret):");
        System.out.println("      client " + ControlPlaneRealm.AUTOMATION_CLIENT + ", secret in .portcullis/secrets.properties"
                + " (automation-client-secret).");
        System.out.println("    - Enrol Ada's company laptop (a certificate from the demo's device CA, compliant in the");
        System.out.println("      inventory), then \"compliant device and MFA for admin portals\" can be switched on:");
        System.out.println("      ./portcullis enrol-device ada.admin");
        System.out.println("    - The other templates are report-only: PATCH a policy's \"state\" to \"enabled\" (with the");
        System.out.println("      If-Match its ETag gives), and the next sign-in follows it within about a second.");
        System.out.println();
    }

    private static void step(String message) {
        System.out.println("portcullis: " + message);
    }
}

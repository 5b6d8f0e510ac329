package dev.portcullis.adapters.keycloak.it.clock;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * A clock the test controls, for a test's Keycloak only: a realm resource that moves Keycloak's own
 * time ({@code Time.setOffset}, what Keycloak's own test suite uses), which its sessions, codes and
 * one-time passwords read, and so does the provider. {@link #install} writes it as a JAR of its own
 * into a test server's {@code providers/} folder; named here by class name only, so a test that
 * installs it needs no Keycloak SPI on its class path.
 */
public final class KeycloakClock {

    /** The resource's path under {@code /realms/{realm}/}: {@code PUT …/offset/{seconds}}. */
    public static final String ID = "portcullis-test-clock";
    private static final String PACKAGE = KeycloakClock.class.getPackageName() + ".";
    private static final List<String> CLASSES = List.of("KeycloakClockProvider", "KeycloakClockResource");
    private static final String SERVICE = "org.keycloak.services.resource.RealmResourceProviderFactory";

    private KeycloakClock() {}

    /** Writes the JAR (the provider, its resource and their service entry) into {@code providers}. */
    public static Path install(Path providers) throws IOException {
        Path jar = providers.resolve(ID + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String name : CLASSES) {
                String entry = (PACKAGE + name).replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream bytes = KeycloakClock.class.getClassLoader().getResourceAsStream(entry)) {
                    bytes.transferTo(out);
                }
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + SERVICE));
            out.write((PACKAGE + "KeycloakClockProvider\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }
}

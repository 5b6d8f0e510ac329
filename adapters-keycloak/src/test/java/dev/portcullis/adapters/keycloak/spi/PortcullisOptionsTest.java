package dev.portcullis.adapters.keycloak.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.adapters.keycloak.snapshot.PolicySource.FailSecureDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;

/** One entry per option reads it and describes it: the server info lists exactly what is read. */
class PortcullisOptionsTest {

    private static final String PREFIX = "portcullis.options.test.";

    @AfterEach
    void clear() {
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX))
                .forEach(System::clearProperty);
    }

    @Test
    void theMetadataListsEveryOptionWithItsDefault() {
        assertThat(PortcullisOptions.metadata()).extracting(ProviderConfigProperty::getName)
                .containsExactlyElementsOf(PortcullisOptions.ALL.stream().map(PortcullisOptions.Option::key).toList())
                .contains("control-plane-url", "sign-in-batch-linger-millis", "client-secret");
        ProviderConfigProperty failSecure = PortcullisOptions.metadata().stream()
                .filter(p -> p.getName().equals("fail-secure-default")).findFirst().orElseThrow();
        assertThat(failSecure.getDefaultValue()).isEqualTo("require-mfa");
        assertThat(failSecure.getOptions()).containsExactly("require-mfa", "block");
        assertThat(PortcullisOptions.metadata().stream().filter(p -> p.getName().equals("refresh-interval-millis"))
                .findFirst().orElseThrow().getDefaultValue()).isEqualTo(1000);
        assertThat(PortcullisOptions.metadata().stream().filter(p -> p.getName().equals("client-secret"))
                .findFirst().orElseThrow().isSecret()).isTrue();
    }

    @Test
    void optionsAreReadByTheCamelCaseKeyKeycloakAsksFor() {
        System.setProperty(PREFIX + "controlPlaneUrl", " http://control-plane:8081 ");
        System.setProperty(PREFIX + "failSecureDefault", "block");
        System.setProperty(PREFIX + "adminPortalClients", "console, ,cli");
        System.setProperty(PREFIX + "riskListedRanges", "10.0.0.0/8, ,192.0.2.0/24");
        System.setProperty(PREFIX + "signInBatchLingerMillis", "250");
        PortcullisOptions options = PortcullisOptions.read(new Config.SystemPropertiesScope(PREFIX));

        assertThat(options.controlPlane().orElseThrow().replicas()).containsExactly(URI.create("http://control-plane:8081"));
        assertThat(options.failSecureDefault()).isEqualTo(FailSecureDefault.BLOCK);
        assertThat(options.adminPortalClients()).containsExactlyInAnyOrder("console", "cli");
        assertThat(options.riskListedRanges()).hasSize(2);
        assertThat(options.signInBatchLinger()).isEqualTo(Duration.ofMillis(250));
        assertThat(options.snapshotWait()).isEqualTo(Duration.ofSeconds(25));
        assertThat(options.signInQueueCapacity()).isEqualTo(10_000);
        assertThat(options.clientSecret()).isEqualTo(Optional.empty());
    }
}

package dev.portcullis.adapters.keycloak.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ControlPlaneEndpointsTest {

    @Test
    void oneUrlOrReplicasSeparatedByCommas() {
        assertThat(ControlPlaneEndpoints.parse("http://cp:8081").replicas()).containsExactly(URI.create("http://cp:8081"));
        assertThat(ControlPlaneEndpoints.parse(" https://cp-a:8443 ,https://cp-b:8443,").replicas())
                .containsExactly(URI.create("https://cp-a:8443"), URI.create("https://cp-b:8443"));
    }

    @Test
    void anEntryThatIsNotAnHttpUrlIsNamed() {
        assertThatThrownBy(() -> ControlPlaneEndpoints.parse("https://cp-a:8443,cp-b:8443"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cp-b:8443'");
        assertThatThrownBy(() -> ControlPlaneEndpoints.parse(" , ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailureMovesOnOnceHoweverManyRequestsSawItAndWrapsAround() {
        ControlPlaneEndpoints replicas = ControlPlaneEndpoints.parse("http://a,http://b,http://c");
        ControlPlaneEndpoints.Endpoint first = replicas.resolve("/x");
        ControlPlaneEndpoints.Endpoint alsoFirst = replicas.resolve("/y");
        assertThat(first.uri()).isEqualTo(URI.create("http://a/x"));

        replicas.unreachable(first);
        replicas.unreachable(alsoFirst); // a second request that failed on a: still b, not c
        assertThat(replicas.resolve("/x").uri()).isEqualTo(URI.create("http://b/x"));

        replicas.unreachable(replicas.resolve("/x"));
        replicas.unreachable(replicas.resolve("/x"));
        assertThat(replicas.resolve("/x").uri()).as("after c, a again").isEqualTo(URI.create("http://a/x"));
    }

    @Test
    void oneReplicaStaysItself() {
        ControlPlaneEndpoints one = ControlPlaneEndpoints.parse("http://cp");
        one.unreachable(one.resolve("/x"));
        assertThat(one.resolve("/x").uri()).isEqualTo(URI.create("http://cp/x"));
    }
}

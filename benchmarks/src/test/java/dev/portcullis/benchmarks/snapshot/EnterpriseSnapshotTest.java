package dev.portcullis.benchmarks.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.graphjson.SnapshotCodec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scale benchmarks' snapshot is one a node accepts, and their lookups find what it carries. */
class EnterpriseSnapshotTest {

    @Test
    void theSnapshotReadsBackWithEveryDeviceAndUserAtRisk() {
        EnterpriseSnapshot scale = EnterpriseSnapshot.of("20/50/30");
        SnapshotCodec codec = SnapshotCodec.instance();

        var parsed = codec.read(codec.write(scale.build(1)));

        assertThat(parsed.errors()).isEmpty();
        PolicySnapshot snapshot = parsed.value();
        assertThat(snapshot.policySet().policies()).hasSize(20);
        assertThat(snapshot.devices().devices()).hasSize(50);
        assertThat(snapshot.riskyUsers()).hasSize(30);
        assertThat(snapshot.devices().stateOf(Optional.of(EnterpriseSnapshot.deviceId(49)), EnterpriseSnapshot.NOW))
                .isInstanceOf(DeviceState.Known.class);
        assertThat(snapshot.riskyUsers().get(EnterpriseSnapshot.userId(29)).level()).isIn(RiskLevel.MEDIUM, RiskLevel.HIGH);
        assertThat(snapshot.riskyUsers()).doesNotContainKey(EnterpriseSnapshot.userId(30));
    }
}

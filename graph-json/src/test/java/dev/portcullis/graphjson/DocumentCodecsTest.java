package dev.portcullis.graphjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.location.IpNamedLocation;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.risk.UserRiskAssessor;
import dev.portcullis.core.securitydefaults.SecurityDefaults;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored encoding, as persistence uses it: each kind round-trips, and a document named by its kind only is encoded by that kind's codec. */
class DocumentCodecsTest {

    private final DocumentCodecs codecs = GraphJsonCodecs.all(UserRiskAssessor.defaults(), Clock.systemUTC());

    @Test
    void aDocumentNamedByItsKindIsEncodedAsItsKindsCodecEncodesIt() {
        NamedLocation office = new IpNamedLocation("loc-1", "Office", List.of(IpRange.of("10.20.0.0/16")), true);

        assertThat(codecs.encode(DocumentKind.NAMED_LOCATION, office)).isEqualTo(codecs.namedLocations().encode(office));
        assertThat(codecs.namedLocations().decode(codecs.encode(DocumentKind.NAMED_LOCATION, office))).isEqualTo(office);
        assertThat(codecs.securityDefaults().decode(codecs.encode(DocumentKind.SECURITY_DEFAULTS,
                new SecurityDefaults(true)))).isEqualTo(new SecurityDefaults(true));
    }

    @Test
    void aValueOfAnotherKindIsAProgrammingErrorNotAnotherDocument() {
        assertThatThrownBy(() -> codecs.encode(DocumentKind.POLICY, new SecurityDefaults(true)))
                .isInstanceOf(ClassCastException.class);
    }
}

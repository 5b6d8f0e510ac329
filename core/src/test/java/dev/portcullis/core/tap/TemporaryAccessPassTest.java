package dev.portcullis.core.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The validity window, the verifier, and what is shown. */
class TemporaryAccessPassTest {

    private static final Instant START = Instant.parse("2026-12-06T10:00:00Z");
    private static final String PASS = "Kq7cM4xzP2wR9tHn6bVe";

    private final TemporaryAccessPass pass = new TemporaryAccessPass("m1", "u1", START, START, 60, true,
            Optional.of(PassVerifier.of(PASS, new SecureRandom())));

    @Test
    void worksFromItsStartUpToItsEndNotIncluded() {
        assertThat(pass.usability(START.minusSeconds(1))).isEqualTo(TemporaryAccessPass.Usability.NOT_YET_VALID);
        assertThat(pass.usability(START)).isEqualTo(TemporaryAccessPass.Usability.ENABLED_BY_POLICY);
        assertThat(pass.usability(START.plus(Duration.ofMinutes(60)).minusMillis(1)))
                .isEqualTo(TemporaryAccessPass.Usability.ENABLED_BY_POLICY);
        assertThat(pass.usability(START.plus(Duration.ofMinutes(60)))).isEqualTo(TemporaryAccessPass.Usability.EXPIRED);
        assertThat(pass.endDateTime()).isEqualTo(Instant.parse("2026-12-06T11:00:00Z"));
        assertThat(TemporaryAccessPass.Usability.NOT_YET_VALID.graphName()).isEqualTo("NotYetValid");
    }

    @Test
    void acceptsOnlyItsOwnPassAndOnlyWithinItsWindow() {
        assertThat(pass.accepts(PASS, START.plusSeconds(5))).isTrue();
        assertThat(pass.accepts(PASS.toLowerCase(), START.plusSeconds(5))).isFalse();
        assertThat(pass.accepts("", START.plusSeconds(5))).isFalse();
        assertThat(pass.accepts(null, START.plusSeconds(5))).isFalse();
        assertThat(pass.accepts(PASS, START.minusSeconds(5))).isFalse();
        assertThat(pass.accepts(PASS, START.plus(Duration.ofHours(2)))).isFalse();
    }

    @Test
    void aOneTimePassIsSpentOnceItsUseIsKnownAndAnotherPassIsNot() {
        TemporaryAccessPass used = pass.usedAt(START.plusSeconds(30));
        assertThat(used.usability(START.plusSeconds(40))).isEqualTo(TemporaryAccessPass.Usability.ONE_TIME_USED);
        assertThat(used.accepts(PASS, START.plusSeconds(40))).isFalse();
        assertThat(used.spent(START.plusSeconds(40))).isTrue();
        assertThat(used.usedAt(START.plusSeconds(50))).isEqualTo(used);
        assertThat(pass.spent(START.plusSeconds(40))).isFalse();
        assertThat(pass.spent(START.plus(Duration.ofHours(1)))).isTrue();
        TemporaryAccessPass many = new TemporaryAccessPass("m2", "u1", START, START, 60, false, pass.verifier());
        assertThat(many.usedAt(START.plusSeconds(30))).isEqualTo(many);
    }

    @Test
    void shownWithoutItsVerifierWhichAcceptsNothing() {
        TemporaryAccessPass shown = pass.shown();
        assertThat(shown.verifier()).isEmpty();
        assertThat(shown.accepts(PASS, START.plusSeconds(5))).isFalse();
        assertThat(shown.isUsableOnce()).isTrue();
    }

    @Test
    void equalPassesHaveDifferentHashesAndTheHashIsNotThePass() {
        PassVerifier a = PassVerifier.of(PASS, new SecureRandom());
        PassVerifier b = PassVerifier.of(PASS, new SecureRandom());
        assertThat(a.hash()).isNotEqualTo(b.hash()).doesNotContain(PASS);
        assertThat(a.matches(PASS)).isTrue();
        assertThat(b.matches(PASS)).isTrue();
        assertThat(new PassVerifier("not base64!", "also not").matches(PASS)).isFalse();
    }

    @Test
    void lifetimeWithinEntrasBounds() {
        assertThatThrownBy(() -> new TemporaryAccessPass("m", "u", START, START, 9, false, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lifetimeInMinutes");
        assertThatThrownBy(() -> new TemporaryAccessPass("m", "u", START, START, 43_201, false, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new TemporaryAccessPass("m", "u", START, START, 43_200, false, Optional.empty()).endDateTime())
                .isEqualTo(START.plus(Duration.ofDays(30)));
    }
}

package dev.portcullis.adapters.rest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** A token is verified once and then remembered until its exp, never longer, and never one it was not. */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private final MovableClock clock = new MovableClock();
    private final CountingVerifier verifier = new CountingVerifier();
    private final VerifiedTokens tokens = new VerifiedTokens(verifier, clock);

    @Test
    void aTokenIsVerifiedOnceAndThenRememberedUntilItExpires() throws Exception {
        verifier.accept("node-token", NOW.plusSeconds(300));

        JsonWebToken first = tokens.parse("node-token");
        JsonWebToken again = tokens.parse("node-token");
        clock.advance(Duration.ofSeconds(299));
        tokens.parse("node-token");

        assertThat(again).isSameAs(first);
        assertThat(verifier.calls).containsExactly("node-token");
    }

    @Test
    void atItsExpTheTokenIsVerifiedAgainAndTheVerifiersAnswerStands() throws Exception {
        verifier.accept("node-token", NOW.plusSeconds(300));
        tokens.parse("node-token");

        clock.advance(Duration.ofSeconds(300));
        verifier.refuse("node-token");

        assertThatThrownBy(() -> tokens.parse("node-token")).isInstanceOf(ParseException.class);
        assertThat(verifier.calls).containsExactly("node-token", "node-token");
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aTokenChangedInOneByteIsVerifiedAfreshAndARefusedOneIsNeverRemembered() throws Exception {
        verifier.accept("node-token", NOW.plusSeconds(300));
        tokens.parse("node-token");

        assertThatThrownBy(() -> tokens.parse("node-tokeN")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse("node-tokeN")).isInstanceOf(ParseException.class);
        assertThat(verifier.calls).containsExactly("node-token", "node-tokeN", "node-tokeN");
    }

    @Test
    void tokensWithoutExpOrInsideTheVerifiersGracePeriodAreVerifiedEveryTime() throws Exception {
        verifier.accept("no-exp", null);
        verifier.accept("just-expired", NOW.minusSeconds(30)); // the verifier allows 60 s of clock skew
        for (int i = 0; i < 2; i++) {
            tokens.parse("no-exp");
            tokens.parse("just-expired");
        }
        assertThat(verifier.calls).hasSize(4);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void whenFullExpiredTokensMakeRoomAndOtherwiseNothingNewIsKept() throws Exception {
        for (int i = 0; i < VerifiedTokens.CAPACITY; i++) {
            verifier.accept("t" + i, NOW.plusSeconds(i < 10 ? 60 : 3600));
            tokens.parse("t" + i);
        }
        verifier.accept("late", NOW.plusSeconds(3600));
        tokens.parse("late");
        assertThat(tokens.size()).as("full of live tokens: the new one is verified but not kept").isEqualTo(VerifiedTokens.CAPACITY);

        clock.advance(Duration.ofSeconds(60));
        tokens.parse("late");
        assertThat(tokens.size()).isEqualTo(VerifiedTokens.CAPACITY - 10 + 1);
        tokens.parse("late");
        assertThat(verifier.calls.stream().filter("late"::equals)).hasSize(2);
    }

    /** Accepts the tokens it was told to, with their exp; refuses everything else. */
    private static final class CountingVerifier extends DefaultJWTParser {
        final List<String> calls = new ArrayList<>();
        private final Map<String, Instant> accepted = new HashMap<>();

        void accept(String token, Instant exp) {
            accepted.put(token, exp);
        }

        void refuse(String token) {
            accepted.remove(token);
        }

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            calls.add(token);
            if (!accepted.containsKey(token)) {
                throw new ParseException("signature does not verify");
            }
            Instant exp = accepted.get(token);
            return new JsonWebToken() {
                @Override
                public String getName() {
                    return "portcullis-node";
                }

                @Override
                public Set<String> getClaimNames() {
                    return exp == null ? Set.of() : Set.of("exp");
                }

                @Override
                @SuppressWarnings("unchecked")
                public <T> T getClaim(String claim) {
                    return "exp".equals(claim) && exp != null ? (T) Long.valueOf(exp.getEpochSecond()) : null;
                }
            };
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now = NOW;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

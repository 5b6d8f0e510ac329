package dev.portcullis.adapters.rest.api;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bearer tokens this control plane has verified, kept until they expire. A node, an MDM and a
 * sign-in shipper send the same client-credentials token with every request for minutes; verifying
 * its signature and claims again each time was a third of the control plane's CPU on a device sync.
 * A token is remembered only after the full verification succeeded, looked up by its exact text (so
 * a token changed in any byte is verified afresh and refused), and forgotten at its {@code exp}: the
 * cache never accepts what the verifier would refuse. Everything else is smallrye-jwt's own parser.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    /** Enough for every node and integration, with room; when full, expired tokens go, else nothing new is kept. */
    static final int CAPACITY = 10_000;

    private final JWTParser verifier;
    private final Clock clock;
    private final ConcurrentHashMap<String, JsonWebToken> verified = new ConcurrentHashMap<>();

    /** smallrye-jwt's parser as Quarkus configures it (mp.jwt.verify.*): the one that verifies. */
    @Inject
    public VerifiedTokens(DefaultJWTParser verifier, Clock clock) {
        this((JWTParser) verifier, clock);
    }

    VerifiedTokens(JWTParser verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.get(token);
        Instant now = clock.instant();
        if (known != null && !expired(known, now)) {
            return known;
        }
        if (known != null) {
            verified.remove(token, known);
        }
        JsonWebToken fresh = verifier.parse(token);
        remember(token, fresh, now);
        return fresh;
    }

    private void remember(String token, JsonWebToken fresh, Instant now) {
        if (expired(fresh, now)) {
            return; // no exp, or inside the verifier's grace period: verified every time
        }
        if (verified.size() >= CAPACITY) {
            verified.values().removeIf(t -> expired(t, now));
        }
        if (verified.size() < CAPACITY) {
            verified.put(token, fresh);
        }
    }

    /** Past its {@code exp}, or without one (which the verifier may allow, but is never remembered). */
    private static boolean expired(JsonWebToken token, Instant now) {
        return !(token.getClaim(Claims.exp.name()) instanceof Number exp) || now.getEpochSecond() >= exp.longValue();
    }

    int size() {
        return verified.size();
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}

package dev.portcullis.adapters.keycloak.push;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Pending pushes, enrolments and the anti-fatigue state, all in Keycloak's single-use object
 * store (replicated across a cluster). Claims that must be exclusive (one pending push per user,
 * a rate-limit slot, the one answer a challenge takes) use its atomic put-if-absent. Made per
 * request over that session's objects, with the options and randomness its factory shares.
 */
public record PushStore(SingleUseObjectProvider objects, PushSettings settings, SecureRandom random) {

    /** Why no push was sent. */
    public enum Refusal {
        /** The user denied and reported a sign-in, or reached the rate limit: pushes are off for a while. */
        MUTED,
        /** Another push to this user is still waiting for its answer. */
        ALREADY_PENDING
    }

    /** A push sent, or why not. */
    public sealed interface Opened {
        record Sent(Challenge challenge) implements Opened {}

        record Refused(Refusal refusal) implements Opened {}
    }

    /** The outcome of an answer from the phone. */
    public sealed interface Answered {
        record Recorded(Challenge challenge) implements Answered {}

        /** A second answer to the same challenge: a replay, never counted. */
        record AlreadyAnswered() implements Answered {}
    }

    private static final String PREFIX = "portcullis-push:";
    private static final String TOKEN_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"; // no look-alikes to mistype

    /** Sends a push unless pushes are muted for the user or one is already waiting; counts it against the rate limit. */
    public Opened open(String realmId, String userId, String boundTo, Challenge.SignInContext context, Instant now) {
        String user = realmId + ":" + userId;
        if (objects.contains(PREFIX + "muted:" + user)) {
            return new Opened.Refused(Refusal.MUTED);
        }
        if (!objects.putIfAbsent(PREFIX + "pending:" + user, settings.timeout().toSeconds())) {
            return new Opened.Refused(Refusal.ALREADY_PENDING);
        }
        if (!takeRateSlot(user)) {
            objects.remove(PREFIX + "pending:" + user);
            objects.put(PREFIX + "muted:" + user, settings.coolDown().toSeconds(), Map.of("reason", "rateLimit"));
            return new Opened.Refused(Refusal.MUTED);
        }
        Challenge challenge = new Challenge(randomId(), realmId, userId, String.valueOf(10 + random.nextInt(90)),
                randomId(), Challenge.Status.PENDING, boundTo, context, now, now.plus(settings.timeout()));
        objects.put(key(challenge.id()), settings.timeout().toSeconds(), challenge.notes());
        objects.put(PREFIX + "current:" + user, settings.timeout().toSeconds(), Map.of("challengeId", challenge.id()));
        return new Opened.Sent(challenge);
    }

    private boolean takeRateSlot(String user) {
        for (int slot = 0; slot < settings.maxPushes(); slot++) {
            if (objects.putIfAbsent(PREFIX + "rate:" + user + ":" + slot, settings.window().toSeconds())) {
                return true;
            }
        }
        return false;
    }

    /** The challenge, unless it is unknown or has timed out. */
    public Optional<Challenge> challenge(String id, Instant now) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> notes = objects.get(key(id));
        return notes == null ? Optional.empty() : Optional.of(Challenge.of(notes)).filter(c -> !c.expired(now));
    }

    /** The push waiting for the user's answer, if any. */
    public Optional<Challenge> pendingFor(String realmId, String userId, Instant now) {
        Map<String, String> current = objects.get(PREFIX + "current:" + realmId + ":" + userId);
        return current == null ? Optional.empty()
                : challenge(current.get("challengeId"), now).filter(c -> c.status() == Challenge.Status.PENDING);
    }

    /**
     * Records the phone's answer, once: the first answer claims the challenge, a second one is a
     * replay. A wrong number fails the sign-in just like a denial. The user may be pushed again
     * once this one is answered.
     */
    public Answered answer(Challenge challenge, Statement.Decision decision, String numberTyped, Instant now) {
        if (!objects.putIfAbsent(PREFIX + "answered:" + challenge.id(), settings.timeout().toSeconds() + 60)) {
            return new Answered.AlreadyAnswered();
        }
        Challenge.Status next = switch (decision) {
            case APPROVE -> challenge.number().equals(numberTyped) ? Challenge.Status.APPROVED : Challenge.Status.WRONG_NUMBER;
            case DENY -> Challenge.Status.DENIED;
            case REPORT -> Challenge.Status.REPORTED;
        };
        Challenge answered = challenge.with(next);
        objects.put(key(challenge.id()), remaining(challenge, now), answered.notes());
        release(challenge);
        return new Answered.Recorded(answered);
    }

    /** Takes the challenge out of the store: the approval it carries counts for one login only. */
    public Optional<Challenge> consume(String id, Instant now) {
        Map<String, String> notes = id == null ? null : objects.remove(key(id));
        return notes == null ? Optional.empty() : Optional.of(Challenge.of(notes)).filter(c -> !c.expired(now));
    }

    /** Frees the user's pending slot if this challenge holds it. */
    public void release(Challenge challenge) {
        String user = challenge.realmId() + ":" + challenge.userId();
        Map<String, String> current = objects.get(PREFIX + "current:" + user);
        if (current != null && challenge.id().equals(current.get("challengeId"))) {
            objects.remove(PREFIX + "current:" + user);
            objects.remove(PREFIX + "pending:" + user);
        }
    }

    public void mute(String realmId, String userId, String reason) {
        objects.put(PREFIX + "muted:" + realmId + ":" + userId, settings.mute().toSeconds(), Map.of("reason", reason));
    }

    public boolean muted(String realmId, String userId) {
        return objects.contains(PREFIX + "muted:" + realmId + ":" + userId);
    }

    // ---- enrolment --------------------------------------------------------------------------------

    /** A new enrolment for the user: the one-time code for the QR, and the handle its page polls. */
    public Enrolment startEnrolment(String realmId, String userId, Challenge.SignInContext context) {
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            token.append(TOKEN_ALPHABET.charAt(random.nextInt(TOKEN_ALPHABET.length())));
        }
        Enrolment enrolment = new Enrolment(randomId(), token.toString(), realmId, userId, Enrolment.State.WAITING,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), context);
        long ttl = settings.enrolment().toSeconds();
        objects.put(PREFIX + "enrol-token:" + enrolment.token(), ttl, Map.of("handle", enrolment.handle()));
        objects.put(PREFIX + "enrolment:" + enrolment.handle(), ttl, enrolment.notes());
        return enrolment;
    }

    /** The enrolment the typed or scanned code opens; the code works once. */
    public Optional<Enrolment> redeem(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String normalised = token.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        Map<String, String> notes = objects.remove(PREFIX + "enrol-token:" + normalised);
        return notes == null ? Optional.empty() : enrolment(notes.get("handle"));
    }

    public Optional<Enrolment> enrolment(String handle) {
        Map<String, String> notes = handle == null ? null : objects.get(PREFIX + "enrolment:" + handle);
        return notes == null ? Optional.empty() : Optional.of(Enrolment.of(notes));
    }

    public Optional<Enrolment> enrolmentOfDevice(String deviceId) {
        Map<String, String> notes = deviceId == null ? null : objects.get(PREFIX + "enrolment-device:" + deviceId);
        return notes == null ? Optional.empty() : enrolment(notes.get("handle"));
    }

    public void save(Enrolment enrolment) {
        long ttl = settings.enrolment().toSeconds();
        objects.put(PREFIX + "enrolment:" + enrolment.handle(), ttl, enrolment.notes());
        enrolment.deviceId().ifPresent(d ->
                objects.put(PREFIX + "enrolment-device:" + d, ttl, Map.of("handle", enrolment.handle())));
    }

    public void finish(Enrolment enrolment) {
        objects.remove(PREFIX + "enrolment:" + enrolment.handle());
        enrolment.deviceId().ifPresent(d -> objects.remove(PREFIX + "enrolment-device:" + d));
    }

    private long remaining(Challenge challenge, Instant now) {
        return Math.max(1, Duration.between(now, challenge.expiresAt()).toSeconds() + 1);
    }

    private static String key(String challengeId) {
        return PREFIX + "challenge:" + challengeId;
    }

    private String randomId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

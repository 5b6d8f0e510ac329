package dev.portcullis.adapters.keycloak.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.keycloak.models.SingleUseObjectProvider;

class PushStoreTest {

    /** Keycloak's single-use object store for one class's unit test: a map, with lifespans ignored. */
    static final class InMemoryObjects implements SingleUseObjectProvider {
        final Map<String, Map<String, String>> entries = new HashMap<>();

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            entries.put(key, new HashMap<>(notes));
        }

        @Override
        public Map<String, String> get(String key) {
            return entries.get(key);
        }

        @Override
        public Map<String, String> remove(String key) {
            return entries.remove(key);
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            return entries.replace(key, notes) != null;
        }

        @Override
        public boolean putIfAbsent(String key, long lifespanInSeconds) {
            return entries.putIfAbsent(key, Map.of()) == null;
        }

        @Override
        public boolean contains(String key) {
            return entries.containsKey(key);
        }

        @Override
        public void close() {}
    }

    static final Challenge.SignInContext CONTEXT = new Challenge.SignInContext("portal", "Portal", "198.51.100.7",
            Optional.of("DE"), "Chrome", "windows", false);
    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private final InMemoryObjects objects = new InMemoryObjects();
    private final PushStore store = new PushStore(objects, new PushSettings(Duration.ofSeconds(60), 3,
            Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofMinutes(5)), new SecureRandom());

    private Challenge send(String boundTo) {
        PushStore.Opened opened = store.open("realm", "alice", boundTo, CONTEXT, NOW);
        assertThat(opened).isInstanceOf(PushStore.Opened.Sent.class);
        return ((PushStore.Opened.Sent) opened).challenge();
    }

    @Test
    void aPushCarriesATwoDigitNumberAndAWhileOneIsWaitingNoSecondIsSent() {
        Challenge first = send("login:a");
        assertThat(first.number()).matches("[1-9][0-9]");
        assertThat(store.pendingFor("realm", "alice", NOW)).contains(first);
        assertThat(store.open("realm", "alice", "login:b", CONTEXT, NOW))
                .isEqualTo(new PushStore.Opened.Refused(PushStore.Refusal.ALREADY_PENDING));
        assertThat(store.open("realm", "bob", "login:c", CONTEXT, NOW)).as("another user").isInstanceOf(PushStore.Opened.Sent.class);
    }

    @Test
    void onlyTheRightNumberApprovesAndAChallengeTakesOneAnswer() {
        Challenge challenge = send("login:a");
        String wrong = challenge.number().equals("42") ? "43" : "42";
        PushStore.Answered answered = store.answer(challenge, Statement.Decision.APPROVE, wrong, NOW);
        assertThat(((PushStore.Answered.Recorded) answered).challenge().status()).isEqualTo(Challenge.Status.WRONG_NUMBER);
        assertThat(store.answer(challenge, Statement.Decision.APPROVE, challenge.number(), NOW))
                .as("a replayed or second answer").isInstanceOf(PushStore.Answered.AlreadyAnswered.class);
        assertThat(store.challenge(challenge.id(), NOW).orElseThrow().status()).isEqualTo(Challenge.Status.WRONG_NUMBER);
        assertThat(store.pendingFor("realm", "alice", NOW)).as("the answer frees the user for a new push").isEmpty();
    }

    @Test
    void anApprovalIsConsumedOnceAndAnExpiredOneCountsForNothing() {
        Challenge challenge = send("login:a");
        store.answer(challenge, Statement.Decision.APPROVE, challenge.number(), NOW);
        assertThat(store.consume(challenge.id(), NOW).map(Challenge::status)).contains(Challenge.Status.APPROVED);
        assertThat(store.consume(challenge.id(), NOW)).isEmpty();

        Challenge late = send("login:b");
        store.answer(late, Statement.Decision.APPROVE, late.number(), NOW);
        assertThat(store.consume(late.id(), NOW.plusSeconds(61))).isEmpty();
        assertThat(store.challenge(late.id(), NOW.plusSeconds(61))).isEmpty();
    }

    @Test
    void beyondTheRateLimitPushesPauseForTheCoolDown() {
        for (int i = 0; i < 3; i++) {
            Challenge c = send("login:" + i);
            store.answer(c, Statement.Decision.DENY, "", NOW);
        }
        assertThat(store.open("realm", "alice", "login:x", CONTEXT, NOW))
                .isEqualTo(new PushStore.Opened.Refused(PushStore.Refusal.MUTED));
        assertThat(store.muted("realm", "alice")).isTrue();
        assertThat(store.pendingFor("realm", "alice", NOW)).isEmpty();
    }

    @Test
    void aReportMutesTheUser() {
        store.mute("realm", "alice", "reported");
        assertThat(store.open("realm", "alice", "login:a", CONTEXT, NOW))
                .isEqualTo(new PushStore.Opened.Refused(PushStore.Refusal.MUTED));
    }

    @Test
    void anEnrolmentCodeWorksOnceWhateverWayItIsTyped() {
        Enrolment enrolment = store.startEnrolment("realm", "alice", CONTEXT);
        assertThat(enrolment.token()).matches("[A-Z2-9]{12}");
        String typed = enrolment.token().toLowerCase().replaceAll("(.{4})(?!$)", "$1-");
        assertThat(store.redeem(typed)).map(Enrolment::handle).contains(enrolment.handle());
        assertThat(store.redeem(enrolment.token())).isEmpty();
    }
}

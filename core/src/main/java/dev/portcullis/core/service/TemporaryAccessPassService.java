package dev.portcullis.core.service;

import dev.portcullis.core.port.in.ManageTemporaryAccessPasses;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DirectoryPort;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.Stored;
import dev.portcullis.core.tap.PassVerifier;
import dev.portcullis.core.tap.TemporaryAccessPass;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and revokes temporary access passes, one per user, kept under the user's directory id (so
 * a node finds a user's pass by the id it signs in with). The pass is made here, returned once and
 * forgotten: the store and the audit log see only what {@link TemporaryAccessPass#shown()} shows,
 * plus, in the store, the verifier.
 */
public final class TemporaryAccessPassService implements ManageTemporaryAccessPasses {

    /** No 0/O, 1/l/I: a pass read out over the phone is typed right. */
    private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz";
    /** 20 characters of 56: about 116 bits, out of reach of any search of the hash. */
    private static final int PASS_LENGTH = 20;

    private final DocumentStore<TemporaryAccessPass> store;
    private final DirectoryPort directory;
    private final AuditLogPort audit;
    private final Clock clock;
    private final SecureRandom random;

    public TemporaryAccessPassService(DocumentStore<TemporaryAccessPass> store, DirectoryPort directory,
            AuditLogPort audit, Clock clock, SecureRandom random) {
        this.store = store;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public Issuing issue(Issue command) {
        Optional<String> userId = userId(command.userId());
        if (userId.isEmpty()) {
            return new UnknownUser();
        }
        if (!command.mayManageAdministrators() && isAdministrator(userId.get())) {
            return new PrivilegedUser();
        }
        Instant now = clock.instant();
        Optional<Stored<TemporaryAccessPass>> present = store.find(userId.get());
        // As in Entra, one pass per user within its lifetime: an expired or used one is replaced.
        if (present.isPresent() && !present.get().value().spent(now)) {
            return new AlreadyHasOne(present.get().value().id());
        }
        String pass = newPass();
        TemporaryAccessPass method = new TemporaryAccessPass(UUID.randomUUID().toString(), userId.get(), now,
                command.startDateTime().orElse(now), command.lifetimeInMinutes(), command.isUsableOnce(),
                Optional.of(PassVerifier.of(pass, random)));
        SaveResult<TemporaryAccessPass> saved = present.isEmpty()
                ? store.create(userId.get(), method.id(), method)
                : store.replace(userId.get(), present.get().version(), method.id(), method);
        if (!(saved instanceof SaveResult.Saved<TemporaryAccessPass>)) {
            // Another administrator's pass was stored between the read and this write.
            return new AlreadyHasOne(store.find(userId.get()).map(s -> s.value().id()).orElse(""));
        }
        audit(now, command.actor(), "issue temporary access pass for", userId.get(),
                present.map(s -> s.value().shown()), Optional.of(method.shown()));
        return new Issued(method, pass);
    }

    @Override
    public Optional<List<TemporaryAccessPass>> list(String user) {
        return userId(user).map(id -> store.find(id).map(s -> List.of(s.value().shown())).orElse(List.of()));
    }

    @Override
    public Optional<Boolean> revoke(String user, String methodId, String actor) {
        Optional<String> userId = userId(user);
        if (userId.isEmpty()) {
            return Optional.empty();
        }
        Optional<Stored<TemporaryAccessPass>> present = store.find(userId.get())
                .filter(s -> s.value().id().equals(methodId));
        if (present.isEmpty()) {
            return Optional.of(false);
        }
        if (!(store.delete(userId.get(), present.get().version()) instanceof SaveResult.Deleted<TemporaryAccessPass>)) {
            return Optional.of(false); // revoked (or replaced) by someone else first
        }
        audit(clock.instant(), actor, "revoke temporary access pass of", userId.get(),
                Optional.of(present.get().value().shown()), Optional.empty());
        return Optional.of(true);
    }

    /** The directory's id of a user named by id or username; passes are kept under it. */
    private boolean isAdministrator(String userId) {
        return directory.administrators().stream().anyMatch(a -> a.identity().id().equals(userId));
    }

    private Optional<String> userId(String idOrUsername) {
        return directory.findUser(idOrUsername).map(u -> u.identity().id());
    }

    private String newPass() {
        StringBuilder pass = new StringBuilder(PASS_LENGTH);
        for (int i = 0; i < PASS_LENGTH; i++) {
            pass.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return pass.toString();
    }

    private void audit(Instant at, String actor, String activity, String userId, Optional<TemporaryAccessPass> before,
            Optional<TemporaryAccessPass> after) {
        audit.append(new AuditLogPort.Entry<>(UUID.randomUUID().toString(), at, actor, activity + " user",
                DocumentKind.TEMPORARY_ACCESS_PASS, userId, before, after));
    }
}

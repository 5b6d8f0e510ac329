package dev.portcullis.core.service;

import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.in.GuardLockout;
import dev.portcullis.core.port.in.PublishFacts;
import dev.portcullis.core.port.in.PublishSnapshot;
import dev.portcullis.core.port.out.DirectoryPort;
import dev.portcullis.core.port.out.DirectoryUnavailableException;
import dev.portcullis.core.safety.LockoutGuard;
import dev.portcullis.core.signin.DeviceState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The change as the directory's administrators would meet it: the stored policies before, and
 * with the change made, from a trusted location with their own registered methods and devices.
 */
public final class GuardLockoutService implements GuardLockout {

    private final PublishSnapshot snapshot;
    private final PublishFacts facts;
    private final DirectoryPort directory;
    private final Clock clock;

    public GuardLockoutService(PublishSnapshot snapshot, PublishFacts facts, DirectoryPort directory, Clock clock) {
        this.snapshot = snapshot;
        this.facts = facts;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public List<String> refusals(ConditionalAccessPolicy after, String actor) {
        if (!directory.connected()) {
            return List.of();
        }
        PolicySet before = snapshot.current().snapshot().policySet();
        Judgement judgement = judge(before, List.of(before.withPolicy(after)), actor);
        if (judgement instanceof Judgement.Judged judged) {
            return judged.refusals().get(0);
        }
        // Fail secure: a change nobody could check for lockouts is refused (unless forced).
        return List.of(((Judgement.DirectoryUnavailable) judgement).reason()
                + ": cannot check that administrators keep access");
    }

    @Override
    public Judgement judge(PolicySet before, List<PolicySet> proposed, String actor) {
        if (!directory.connected()) {
            return new Judgement.NoDirectory();
        }
        Instant now = clock.instant();
        DeviceInventory inventory = facts.current().devices();
        List<LockoutGuard.Administrator> administrators;
        String caller;
        try {
            administrators = directory.administrators().stream()
                    .map(u -> new LockoutGuard.Administrator(u.identity(), u.registration(), u.breakGlass(),
                            devicesOf(u.identity().id(), inventory, now))).toList();
            caller = directory.findUser(actor).map(u -> u.identity().id()).orElse(actor);
        } catch (DirectoryUnavailableException e) {
            return new Judgement.DirectoryUnavailable(e.getMessage());
        }
        return new Judgement.Judged(proposed.stream()
                .map(after -> LockoutGuard.check(before, after, administrators, caller, now)).toList());
    }

    /** The devices the inventory says the user owns, as a node would judge each one now. */
    private static List<DeviceState> devicesOf(String userId, DeviceInventory inventory, Instant now) {
        return inventory.devices().stream()
                .filter(device -> device.ownerUserId().filter(userId::equals).isPresent())
                .map(device -> inventory.stateOf(Optional.of(device.id()), now))
                .toList();
    }
}

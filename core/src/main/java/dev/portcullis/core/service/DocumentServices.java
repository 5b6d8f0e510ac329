package dev.portcullis.core.service;

import dev.portcullis.core.device.Device;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.in.DocumentResult;
import dev.portcullis.core.port.in.GuardLockout;
import dev.portcullis.core.port.in.ManageAuthenticationStrengths;
import dev.portcullis.core.port.in.ManageDevices;
import dev.portcullis.core.port.in.ManageNamedLocations;
import dev.portcullis.core.port.in.ManagePolicies;
import dev.portcullis.core.port.out.DocumentStore;
import java.util.List;

/** The use cases over stored documents, one per kind, each the shared behaviour with its kind's rules. */
public final class DocumentServices {

    private DocumentServices() {}

    /** Policies name locations and strengths, and the lockout guard checks every write. */
    public static ManagePolicies policies(DocumentService.Ports ports, DocumentStore<ConditionalAccessPolicy> store,
            GuardLockout guard) {
        return new Policies(new DocumentType<>(store, "policy",
                ConditionalAccessPolicy::id, ConditionalAccessPolicy::displayName, ConditionalAccessPolicy::withId,
                List.of(), true, (before, after, actor) -> guard.refusals(after, actor), unused -> List.of()), ports);
    }

    public static ManageNamedLocations namedLocations(DocumentService.Ports ports, DocumentStore<NamedLocation> store) {
        return new NamedLocations(new DocumentType<>(store, "named location", NamedLocation::id, NamedLocation::displayName, NamedLocation::withId, List.of(),
                true, DocumentType.Guard.none(), ports.references()::policiesUsingLocation), ports);
    }

    public static ManageAuthenticationStrengths strengths(DocumentService.Ports ports,
            DocumentStore<AuthenticationStrength> store) {
        return new Strengths(new DocumentType<>(store, "authentication strength", AuthenticationStrength::id, AuthenticationStrength::displayName,
                AuthenticationStrength::withId, AuthenticationStrength.BUILT_IN, true, DocumentType.Guard.none(),
                ports.references()::policiesUsingStrength), ports);
    }

    public static ManageDevices devices(DocumentService.Ports ports, DocumentStore<Device> store) {
        return new Devices(DocumentType.plain(store, "device", Device::id,
                Device::displayName, (device, id) -> new Device(id, device.displayName(), device.ownerUserId(),
                        device.operatingSystem(), device.compliant(), device.managed(), device.trustType(),
                        device.ownership(), device.lastCheckIn(), device.attributes())), ports);
    }

    private static final class Policies extends DocumentService<ConditionalAccessPolicy> implements ManagePolicies {
        Policies(DocumentType<ConditionalAccessPolicy> type, Ports ports) {
            super(type, ports);
        }
    }

    private static final class NamedLocations extends DocumentService<NamedLocation> implements ManageNamedLocations {
        NamedLocations(DocumentType<NamedLocation> type, Ports ports) {
            super(type, ports);
        }
    }

    private static final class Strengths extends DocumentService<AuthenticationStrength>
            implements ManageAuthenticationStrengths {
        Strengths(DocumentType<AuthenticationStrength> type, Ports ports) {
            super(type, ports);
        }
    }

    private static final class Devices extends DocumentService<Device> implements ManageDevices {
        Devices(DocumentType<Device> type, Ports ports) {
            super(type, ports);
        }

        @Override
        public DocumentResult<Device> report(Report command) {
            return reportEach(List.of(command)).get(0);
        }

        @Override
        public List<DocumentResult<Device>> reportEach(List<Report> commands) {
            return replaceWhatever(commands.stream()
                    .map(c -> new Whole<>(c.id(), c.device(), c.actor())).toList(),
                    (reported, stored) -> reported.isRoutineCheckInOf(stored, DeviceInventory.MAX_CHECK_IN_AGE));
        }
    }
}

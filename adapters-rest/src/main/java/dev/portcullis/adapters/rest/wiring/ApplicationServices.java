package dev.portcullis.adapters.rest.wiring;

import dev.portcullis.core.port.in.EvaluateWhatIf;
import dev.portcullis.core.port.in.GuardLockout;
import dev.portcullis.core.port.in.IngestSignIns;
import dev.portcullis.core.port.in.LookUpDirectory;
import dev.portcullis.core.port.in.ManageAlerts;
import dev.portcullis.core.port.in.ManageRiskyUsers;
import dev.portcullis.core.port.in.ManageTemporaryAccessPasses;
import dev.portcullis.core.port.in.ManageAuthenticationStrengths;
import dev.portcullis.core.port.in.ManageDevices;
import dev.portcullis.core.port.in.ManageNamedLocations;
import dev.portcullis.core.port.in.ManagePolicies;
import dev.portcullis.core.port.in.ManageSecurityDefaults;
import dev.portcullis.core.port.in.PublishFacts;
import dev.portcullis.core.port.in.PublishSnapshot;
import dev.portcullis.core.port.in.ReadLogs;
import dev.portcullis.core.port.out.ReferenceTurns;
import dev.portcullis.core.port.out.Transactions;
import dev.portcullis.core.port.out.AlertDeliveryPort;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DirectoryPort;
import dev.portcullis.core.port.out.DocumentChangedPort;
import dev.portcullis.core.port.out.DocumentStores;
import dev.portcullis.core.port.out.SignInLogPort;
import dev.portcullis.core.port.out.FactFeedPort;
import dev.portcullis.core.port.out.SnapshotVersionPort;
import dev.portcullis.core.risk.UserRiskAssessor;
import dev.portcullis.core.service.AlertsService;
import dev.portcullis.core.service.DocumentService;
import dev.portcullis.core.service.DocumentServices;
import dev.portcullis.core.service.EvaluateWhatIfService;
import dev.portcullis.core.service.GuardLockoutService;
import dev.portcullis.core.service.IngestSignInsService;
import dev.portcullis.core.service.LookUpDirectoryService;
import dev.portcullis.core.service.PoliciesBesideSecurityDefaults;
import dev.portcullis.core.service.PublishFactsService;
import dev.portcullis.core.service.PublishSnapshotService;
import dev.portcullis.core.service.ReadLogsService;
import dev.portcullis.core.service.RiskyUsersService;
import dev.portcullis.core.service.TemporaryAccessPassService;
import dev.portcullis.core.service.SecurityDefaultsService;
import dev.portcullis.core.service.StoredSecurityDefaults;
import dev.portcullis.core.service.StoredReferences;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The use cases, made from the out-ports whatever adapters provide them (the database in the app,
 * in-memory ones in this module's tests). The services are plain Java: CDI lives only here.
 */
@ApplicationScoped
public class ApplicationServices {

    /** The control plane's time; a test may put another clock in its place. */
    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    UserRiskAssessor riskAssessor() {
        return UserRiskAssessor.defaults();
    }

    @Produces
    @Singleton
    DocumentService.Ports documentPorts(DocumentStores stores, AuditLogPort audit, DocumentChangedPort changed,
            ReferenceTurns turns, Transactions transactions, Clock clock) {
        return new DocumentService.Ports(audit, changed,
                new StoredReferences(stores.policies(), stores.namedLocations(), stores.strengths()), turns,
                transactions, clock);
    }

    @Produces
    @Singleton
    PublishSnapshot publishSnapshot(SnapshotVersionPort versions, DocumentStores stores, Clock clock,
            StoredSecurityDefaults securityDefaults) {
        return new PublishSnapshotService(versions, stores, clock, securityDefaults);
    }

    @Produces
    @Singleton
    PublishFacts publishFacts(FactFeedPort feed, SnapshotVersionPort versions, DocumentStores stores,
            UserRiskAssessor assessor, Clock clock) {
        return new PublishFactsService(feed, versions, stores, assessor, clock);
    }

    /** @param adminRoleIds the roles whose members always do MFA under Security Defaults */
    @Produces
    @Singleton
    StoredSecurityDefaults storedSecurityDefaults(DocumentStores stores, @ConfigProperty(
            name = "portcullis.security-defaults.admin-role-ids", defaultValue = "admin,portcullis-admin")
            List<String> adminRoleIds) {
        return new StoredSecurityDefaults(stores.securityDefaults(), Set.copyOf(adminRoleIds));
    }

    @Produces
    @Singleton
    ManageSecurityDefaults securityDefaults(DocumentService.Ports ports, StoredSecurityDefaults stored,
            DocumentStores stores) {
        return new SecurityDefaultsService(ports, stored, stores.policies());
    }

    @Produces
    @Singleton
    GuardLockout guardLockout(PublishSnapshot snapshot, PublishFacts facts, DirectoryPort directory, Clock clock) {
        return new GuardLockoutService(snapshot, facts, directory, clock);
    }

    @Produces
    @Singleton
    ManagePolicies policies(DocumentService.Ports ports, DocumentStores stores, GuardLockout guard,
            ManageSecurityDefaults securityDefaults) {
        return new PoliciesBesideSecurityDefaults(DocumentServices.policies(ports, stores.policies(), guard),
                securityDefaults);
    }

    @Produces
    @Singleton
    ManageNamedLocations namedLocations(DocumentService.Ports ports, DocumentStores stores) {
        return DocumentServices.namedLocations(ports, stores.namedLocations());
    }

    @Produces
    @Singleton
    ManageAuthenticationStrengths strengths(DocumentService.Ports ports, DocumentStores stores) {
        return DocumentServices.strengths(ports, stores.strengths());
    }

    @Produces
    @Singleton
    ManageDevices devices(DocumentService.Ports ports, DocumentStores stores) {
        return DocumentServices.devices(ports, stores.devices());
    }

    @Produces
    @Singleton
    EvaluateWhatIf evaluateWhatIf(PublishSnapshot snapshot, DirectoryPort directory) {
        return new EvaluateWhatIfService(snapshot, directory);
    }

    @Produces
    @Singleton
    LookUpDirectory lookUpDirectory(DirectoryPort directory) {
        return new LookUpDirectoryService(directory);
    }

    @Produces
    @Singleton
    IngestSignIns ingestSignIns(SignInLogPort log, DocumentStores stores, AuditLogPort audit,
            Optional<AlertDeliveryPort> delivery, Clock clock) {
        return new IngestSignInsService(log, stores.alerts(), stores.riskyUsers(), stores.temporaryAccessPasses(),
                audit, delivery, clock);
    }

    @Produces
    @Singleton
    ManageRiskyUsers riskyUsers(DocumentStores stores, AuditLogPort audit, UserRiskAssessor assessor, Clock clock) {
        return new RiskyUsersService(stores.riskyUsers(), audit, assessor, clock);
    }

    @Produces
    @Singleton
    ManageTemporaryAccessPasses temporaryAccessPasses(DocumentStores stores, DirectoryPort directory, AuditLogPort audit,
            Clock clock) {
        return new TemporaryAccessPassService(stores.temporaryAccessPasses(), directory, audit, clock, new SecureRandom());
    }

    @Produces
    @Singleton
    ManageAlerts alerts(DocumentStores stores, Clock clock) {
        return new AlertsService(stores.alerts(), clock);
    }

    @Produces
    @Singleton
    ReadLogs readLogs(DocumentStores stores, SignInLogPort signIns, AuditLogPort audit) {
        return new ReadLogsService(stores.policies(), signIns, audit);
    }
}

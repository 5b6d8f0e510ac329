package dev.portcullis.adapters.rest.wiring;

import dev.portcullis.core.port.in.EvaluateWhatIf;
import dev.portcullis.core.port.in.GuardLockout;
import dev.portcullis.core.port.in.IngestSignIns;
import dev.portcullis.core.port.in.ManageAlerts;
import dev.portcullis.core.port.in.ManageRiskyUsers;
import dev.portcullis.core.port.in.ManageAuthenticationStrengths;
import dev.portcullis.core.port.in.ManageDevices;
import dev.portcullis.core.port.in.ManageNamedLocations;
import dev.portcullis.core.port.in.ManagePolicies;
import dev.portcullis.core.port.in.ManageSecurityDefaults;
import dev.portcullis.core.port.in.PublishSnapshot;
import dev.portcullis.core.port.in.ReadLogs;
import dev.portcullis.core.port.out.ReferenceTurns;
import dev.portcullis.core.port.out.AlertDeliveryPort;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DirectoryPort;
import dev.portcullis.core.port.out.DocumentChangedPort;
import dev.portcullis.core.port.out.DocumentCodecs;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.SaveDocumentPort;
import dev.portcullis.core.port.out.SignInLogPort;
import dev.portcullis.core.risk.UserRiskAssessor;
import dev.portcullis.core.service.AlertsService;
import dev.portcullis.core.service.DocumentService;
import dev.portcullis.core.service.DocumentServices;
import dev.portcullis.core.service.EvaluateWhatIfService;
import dev.portcullis.core.service.GuardLockoutService;
import dev.portcullis.core.service.IngestSignInsService;
import dev.portcullis.core.service.PoliciesBesideSecurityDefaults;
import dev.portcullis.core.service.PublishSnapshotService;
import dev.portcullis.core.service.ReadLogsService;
import dev.portcullis.core.service.RiskyUsersService;
import dev.portcullis.core.service.SecurityDefaultsService;
import dev.portcullis.core.service.StoredSecurityDefaults;
import dev.portcullis.core.service.StoredReferences;
import dev.portcullis.graphjson.GraphJsonCodecs;
import dev.portcullis.graphjson.SecurityDefaultsJson;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
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
    DocumentCodecs codecs(UserRiskAssessor assessor, Clock clock) {
        return GraphJsonCodecs.all(assessor, clock);
    }

    @Produces
    @Singleton
    DocumentService.Ports documentPorts(LoadDocumentsPort load, SaveDocumentPort save, AuditLogPort audit,
            DocumentChangedPort changed, DocumentCodecs codecs, ReferenceTurns turns, Clock clock) {
        return new DocumentService.Ports(load, save, audit, changed, new StoredReferences(load, codecs), turns, clock);
    }

    @Produces
    @Singleton
    PublishSnapshot publishSnapshot(LoadDocumentsPort load, DocumentCodecs codecs, UserRiskAssessor assessor,
            Clock clock, StoredSecurityDefaults securityDefaults) {
        return new PublishSnapshotService(load, codecs, assessor, clock, securityDefaults);
    }

    /** @param adminRoleIds the roles whose members always do MFA under Security Defaults */
    @Produces
    @Singleton
    StoredSecurityDefaults storedSecurityDefaults(LoadDocumentsPort load, @ConfigProperty(
            name = "portcullis.security-defaults.admin-role-ids", defaultValue = "admin,portcullis-admin")
            List<String> adminRoleIds) {
        return new StoredSecurityDefaults(load, SecurityDefaultsJson.instance().codec(), Set.copyOf(adminRoleIds));
    }

    @Produces
    @Singleton
    ManageSecurityDefaults securityDefaults(DocumentService.Ports ports, StoredSecurityDefaults stored,
            DocumentCodecs codecs) {
        return new SecurityDefaultsService(ports, stored, codecs.policies());
    }

    @Produces
    @Singleton
    GuardLockout guardLockout(PublishSnapshot snapshot, DirectoryPort directory, Clock clock) {
        return new GuardLockoutService(snapshot, directory, clock);
    }

    @Produces
    @Singleton
    ManagePolicies policies(DocumentService.Ports ports, DocumentCodecs codecs, GuardLockout guard,
            ManageSecurityDefaults securityDefaults) {
        return new PoliciesBesideSecurityDefaults(DocumentServices.policies(ports, codecs, guard), securityDefaults);
    }

    @Produces
    @Singleton
    ManageNamedLocations namedLocations(DocumentService.Ports ports, DocumentCodecs codecs) {
        return DocumentServices.namedLocations(ports, codecs);
    }

    @Produces
    @Singleton
    ManageAuthenticationStrengths strengths(DocumentService.Ports ports, DocumentCodecs codecs) {
        return DocumentServices.strengths(ports, codecs);
    }

    @Produces
    @Singleton
    ManageDevices devices(DocumentService.Ports ports, DocumentCodecs codecs) {
        return DocumentServices.devices(ports, codecs);
    }

    @Produces
    @Singleton
    EvaluateWhatIf evaluateWhatIf(PublishSnapshot snapshot, DirectoryPort directory) {
        return new EvaluateWhatIfService(snapshot, directory);
    }

    @Produces
    @Singleton
    IngestSignIns ingestSignIns(SignInLogPort log, LoadDocumentsPort load, SaveDocumentPort save, DocumentCodecs codecs,
            Optional<AlertDeliveryPort> delivery, Clock clock) {
        return new IngestSignInsService(log, load, save, codecs, delivery, clock);
    }

    @Produces
    @Singleton
    ManageRiskyUsers riskyUsers(LoadDocumentsPort load, SaveDocumentPort save, DocumentCodecs codecs, AuditLogPort audit,
            UserRiskAssessor assessor, Clock clock) {
        return new RiskyUsersService(load, save, codecs.riskyUsers(), audit, assessor, clock);
    }

    @Produces
    @Singleton
    ManageAlerts alerts(LoadDocumentsPort load, SaveDocumentPort save, DocumentCodecs codecs, Clock clock) {
        return new AlertsService(load, save, codecs.alerts(), clock);
    }

    @Produces
    @Singleton
    ReadLogs readLogs(LoadDocumentsPort load, SignInLogPort signIns, AuditLogPort audit) {
        return new ReadLogsService(load, signIns, audit);
    }
}

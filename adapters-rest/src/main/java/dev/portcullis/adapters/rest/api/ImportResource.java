package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.migration.ImportMapping;
import dev.portcullis.core.migration.ImportReport;
import dev.portcullis.core.port.in.GuardLockout;
import dev.portcullis.core.port.in.ManagePolicies;
import dev.portcullis.core.port.in.PublishSnapshot;
import dev.portcullis.core.port.out.ReferenceTurns;
import dev.portcullis.core.port.out.DirectoryPort;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.DocumentStores;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.SaveChangeSetPort;
import dev.portcullis.core.validation.ValidationProblem;
import dev.portcullis.graphjson.ImportCodec;
import dev.portcullis.graphjson.JsonText;
import dev.portcullis.graphjson.Parsed;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * {@code /v1.0/identity/conditionalAccess/import}: an Entra tenant's export moved in. The bundle is
 * one document, a JSON array, Graph's {@code {"value": [...]}}, or a zip of exported files; with
 * {@code multipart/form-data} a {@code mapping} file goes beside it. {@code ?dryRun=true} answers
 * what would happen, per document, and stores nothing. Otherwise every importable document is
 * stored in one transaction, every policy report-only whatever its file said, audited as one change
 * set. {@code ?strict=true} refuses a document with anything that would not be enforced as written.
 */
@Path("/v1.0/identity/conditionalAccess/import")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private static final Logger LOG = Logger.getLogger(ImportResource.class);

    private final JsonText json = JsonText.shared();
    private final ImportCodec imports = ImportCodec.instance();
    private final LoadDocumentsPort load;
    private final SaveChangeSetPort save;
    private final DirectoryPort directory;
    private final ControlPlaneMetrics metrics;
    private final SnapshotChanges changes;
    private final ManagePolicies policies;
    private final PublishSnapshot published;
    private final ReferenceTurns turns;
    private final GuardLockout guard;
    private final Clock clock;

    @Inject
    public ImportResource(DocumentStores stores, SaveChangeSetPort save, DirectoryPort directory,
            ControlPlaneMetrics metrics, SnapshotChanges changes, ManagePolicies policies, PublishSnapshot published,
            ReferenceTurns turns, GuardLockout guard, Clock clock) {
        this.load = LoadDocumentsPort.of(stores);
        this.save = save;
        this.directory = directory;
        this.metrics = metrics;
        this.changes = changes;
        this.policies = policies;
        this.published = published;
        this.turns = turns;
        this.guard = guard;
        this.clock = clock;
    }

    /** {@code bundle} (the export: JSON or zip) and, optionally, {@code mapping} (JSON), as files. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION})
    @RequiresMfa
    public Response importForm(@RestForm("bundle") FileUpload bundle, @RestForm("mapping") FileUpload mapping,
            @QueryParam("dryRun") boolean dryRun, @QueryParam("strict") boolean strict, @Context SecurityContext caller) {
        if (bundle == null) {
            return Problem.invalid(List.of(new ValidationProblem("bundle",
                    "required: the export, as a file part named 'bundle' (JSON or a zip)")));
        }
        Optional<byte[]> mappingBytes = Optional.ofNullable(mapping).map(ImportResource::bytes);
        return run(bytes(bundle), mappingBytes, dryRun, strict, caller.getUserPrincipal().getName());
    }

    /** The bundle alone, as the body: JSON or a zip. */
    @POST
    @Consumes({MediaType.APPLICATION_JSON, "application/zip"})
    @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION})
    @RequiresMfa
    public Response importBody(byte[] body, @QueryParam("dryRun") boolean dryRun, @QueryParam("strict") boolean strict,
            @Context SecurityContext caller) {
        return run(body, Optional.empty(), dryRun, strict, caller.getUserPrincipal().getName());
    }

    private Response run(byte[] bundleBytes, Optional<byte[]> mappingBytes, boolean dryRun, boolean strict,
            String actor) {
        Parsed<ImportCodec.Bundle> bundle = imports.readBundle(bundleBytes);
        if (!bundle.ok()) {
            return Problem.invalid(prefixed("bundle", bundle.errors()));
        }
        ImportMapping mapping = ImportMapping.NONE;
        if (mappingBytes.isPresent()) {
            Parsed<ImportMapping> parsed = imports.readMapping(mappingBytes.get());
            if (!parsed.ok()) {
                return Problem.invalid(prefixed("mapping", parsed.errors()));
            }
            mapping = parsed.value();
        }
        PolicyImport planner = new PolicyImport(load, policies, published, directory, guard);
        ImportMapping chosen = mapping;
        Supplier<Response> work = () -> {
            PolicyImport.Plan plan = planner.plan(bundle.value(), chosen, strict, actor);
            List<SaveChangeSetPort.Addition<?>> documents = plan.toStore();
            if (dryRun || documents.isEmpty()) {
                return answer(plan.report(dryRun, Optional.empty(), Map.of()));
            }
            String changeSet = UUID.randomUUID().toString();
            SaveChangeSetPort.Result result = save.createAll(documents,
                    audit(documents, actor, changeSet, clock.instant()));
            if (!(result instanceof SaveChangeSetPort.Result.Saved saved)) {
                return Problem.of(Response.Status.CONFLICT, "Changed while importing", "a document with one of the"
                        + " bundle's ids was created meanwhile; nothing was stored: run the import again", List.of());
            }
            documents.forEach(d -> metrics.change(d.kind(), "import"));
            changes.changed();
            LOG.infof("event=import change_set=%s actor=%s documents=%d", changeSet, actor, documents.size());
            return answer(plan.report(false, Optional.of(changeSet), saved.versions()));
        };
        // A real import checks references and writes them in one turn with every other such write.
        return dryRun ? work.get() : turns.inTurn(work);
    }

    private Response answer(ImportReport report) {
        return Response.ok(json.bytes(imports.write(report))).build();
    }

    private static List<ValidationProblem> prefixed(String part, List<ValidationProblem> problems) {
        return problems.stream().map(p -> new ValidationProblem(p.path().isEmpty() ? part : part + "." + p.path(),
                p.message())).toList();
    }

    private static byte[] bytes(FileUpload upload) {
        try {
            return Files.readAllBytes(upload.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the server's own temporary file: a fault on our side
        }
    }

    /** The audit entries of a change set: one per document, each with the change set's id. */
    static List<AuditLogPort.Entry<?>> audit(List<SaveChangeSetPort.Addition<?>> documents, String actor,
            String changeSet, Instant at) {
        return documents.stream().<AuditLogPort.Entry<?>>map(d -> new AuditLogPort.Entry<>(UUID.randomUUID().toString(),
                at, actor, "import " + noun(d.kind()), d.kind(), d.id(), Optional.empty(), Optional.of(d.value()),
                Optional.of(changeSet))).toList();
    }

    static String noun(DocumentKind kind) {
        return switch (kind) {
            case POLICY -> "policy";
            case NAMED_LOCATION -> "named location";
            case AUTHENTICATION_STRENGTH -> "authentication strength";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}

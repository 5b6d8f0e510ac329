package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.migration.ImportMapping;
import dev.portcullis.core.migration.ImportReport;
import dev.portcullis.core.migration.ImportReport.DocumentReport;
import dev.portcullis.core.migration.ImportReport.Kind;
import dev.portcullis.core.migration.ImportReport.Result;
import dev.portcullis.core.migration.References;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.port.in.GuardLockout;
import dev.portcullis.core.port.in.ManagePolicies;
import dev.portcullis.core.port.in.PublishSnapshot;
import dev.portcullis.core.port.out.DirectoryPort;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.SaveChangeSetPort;
import dev.portcullis.core.securitydefaults.SecurityDefaultsPolicies;
import dev.portcullis.core.validation.ValidationProblem;
import dev.portcullis.graphjson.AuthenticationStrengthCodec;
import dev.portcullis.graphjson.ImportCodec;
import dev.portcullis.graphjson.NamedLocationCodec;
import dev.portcullis.graphjson.Parsed;
import dev.portcullis.graphjson.PolicyCodec;
import dev.portcullis.graphjson.ReadMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * Plans the import of an Entra bundle: every document read as the single-document endpoints read it,
 * its references mapped or reported, its state set to report-only, its id checked against what is
 * stored; and the lockout guard's view of the result. The plan is the dry run's answer, and what a
 * real import stores, in one change set.
 */
final class PolicyImport {

    record Plan(List<PlannedDocument> documents, List<String> skipped, boolean directoryConnected,
            ImportReport.LockoutView lockoutGuard) {

        List<SaveChangeSetPort.Addition<?>> toStore() {
            return documents.stream().flatMap(p -> p.document().stream()).toList();
        }

        ImportReport report(boolean dryRun, Optional<String> changeSet, Map<String, Long> storedVersions) {
            List<DocumentReport> reports = documents.stream().map(p -> p.document()
                    .map(d -> storedVersions.containsKey(key(d.kind(), d.id()))
                            ? p.report().stored(storedVersions.get(key(d.kind(), d.id()))) : p.report())
                    .orElse(p.report())).toList();
            return new ImportReport(dryRun, changeSet, directoryConnected, reports, skipped, lockoutGuard);
        }
    }

    private final PolicyCodec policyCodec = PolicyCodec.instance();
    private final NamedLocationCodec locationCodec = NamedLocationCodec.instance();
    private final AuthenticationStrengthCodec strengthCodec = AuthenticationStrengthCodec.instance();
    private final ImportCodec imports = ImportCodec.instance();
    private final LoadDocumentsPort load;
    private final ManagePolicies policies;
    private final PublishSnapshot published;
    private final DirectoryPort directory;
    private final GuardLockout guard;

    PolicyImport(LoadDocumentsPort load, ManagePolicies policies, PublishSnapshot published,
            DirectoryPort directory, GuardLockout guard) {
        this.load = load;
        this.policies = policies;
        this.published = published;
        this.directory = directory;
        this.guard = guard;
    }

    static String key(DocumentKind kind, String id) {
        return kind + "/" + id;
    }

    Plan plan(ImportCodec.Bundle bundle, ImportMapping mapping, boolean strict, String actor) {
        ReadMode mode = strict ? ReadMode.STRICT : ReadMode.LENIENT;
        DirectoryReferences references = new DirectoryReferences(directory);
        Optional<String> administrator = references.user(actor).map(u -> u.identity().id());
        dev.portcullis.core.port.in.References stored = policies.references();
        Map<String, NamedLocation> locations = new LinkedHashMap<>(stored.namedLocations());
        Map<String, AuthenticationStrength> strengths = new LinkedHashMap<>(stored.strengths());
        Set<String> taken = new HashSet<>();
        for (DocumentKind kind : List.of(DocumentKind.POLICY, DocumentKind.NAMED_LOCATION,
                DocumentKind.AUTHENTICATION_STRENGTH)) {
            load.loadAll(kind).forEach(d -> taken.add(key(kind, d.id())));
        }
        Set<String> storedPolicyNames = new HashSet<>();
        load.loadAll(DocumentKind.POLICY).forEach(d -> storedPolicyNames.add(d.displayName()));

        PlannedDocument[] planned = new PlannedDocument[bundle.documents().size()];
        // Locations and strengths first: the policies of the same bundle name them.
        for (int i = 0; i < planned.length; i++) {
            ImportCodec.BundleDocument document = bundle.documents().get(i);
            Kind kind = document.json().ok() ? imports.kindOf(document.json().value()) : Kind.UNKNOWN;
            if (!document.json().ok()) {
                planned[i] = PlannedDocument.refused(document, Kind.UNKNOWN, "", "", document.json().errors(), List.of());
            } else if (kind == Kind.UNKNOWN) {
                planned[i] = PlannedDocument.refused(document, kind, document.json().value().path("id").asText(""),
                        document.json().value().path("displayName").asText(""), List.of(new ValidationProblem("",
                                "not a conditional access document: expected a policy, a template, a named location"
                                        + " or an authentication strength")), document.json().warnings());
            } else if (kind == Kind.NAMED_LOCATION) {
                planned[i] = location(document, taken, locations);
            } else if (kind == Kind.AUTHENTICATION_STRENGTH) {
                planned[i] = strength(document, mode, taken, strengths);
            }
        }
        for (int i = 0; i < planned.length; i++) {
            if (planned[i] == null) {
                ImportCodec.BundleDocument document = bundle.documents().get(i);
                planned[i] = policy(document, imports.kindOf(document.json().value()), mode, mapping, references,
                        administrator, locations, strengths, taken, storedPolicyNames);
            }
        }
        List<PlannedDocument> plan = List.of(planned);
        return new Plan(plan, bundle.skipped(), references.connected(),
                new ImportLockoutView(directory, published, guard).judge(plan, actor));
    }

    private PlannedDocument location(ImportCodec.BundleDocument document, Set<String> taken, Map<String, NamedLocation> locations) {
        Parsed<NamedLocation> parsed = locationCodec.read(document.json().value());
        List<ValidationProblem> warnings = join(document.json().warnings(), parsed.warnings());
        JsonNode tree = document.json().value();
        if (!parsed.ok()) {
            return PlannedDocument.refused(document, Kind.NAMED_LOCATION, tree.path("id").asText(""),
                    tree.path("displayName").asText(""), parsed.errors(), warnings);
        }
        NamedLocation location = parsed.value().id().isBlank() ? parsed.value().withId(UUID.randomUUID().toString())
                : parsed.value();
        if (!taken.add(key(DocumentKind.NAMED_LOCATION, location.id()))) {
            return PlannedDocument.refused(document, Kind.NAMED_LOCATION, location.id(), location.displayName(), List.of(PlannedDocument.idTaken(
                    "named location")), warnings);
        }
        locations.put(location.id(), location);
        return new PlannedDocument(PlannedDocument.report(document, Kind.NAMED_LOCATION, location.id(), location.displayName(), List.of(),
                warnings, Optional.empty(), Optional.empty(), null),
                Optional.of(new SaveChangeSetPort.Addition<>(DocumentKind.NAMED_LOCATION, location.id(),
                        location.displayName(), location)),
                Optional.empty(), Optional.of(location), Optional.empty());
    }

    private PlannedDocument strength(ImportCodec.BundleDocument document, ReadMode mode, Set<String> taken,
            Map<String, AuthenticationStrength> strengths) {
        JsonNode tree = document.json().value();
        Optional<AuthenticationStrength> builtIn = AuthenticationStrength.BUILT_IN.stream()
                .filter(s -> s.id().equals(tree.path("id").asText())).findFirst();
        if (builtIn.isPresent()) {
            return new PlannedDocument(PlannedDocument.report(document, Kind.AUTHENTICATION_STRENGTH, builtIn.get().id(),
                    builtIn.get().displayName(), List.of(), List.of(new ValidationProblem("id", "a built-in strength:"
                            + " Portcullis has it already, so nothing is stored")), Optional.empty(), Optional.empty(),
                    null), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        Parsed<AuthenticationStrength> parsed = strengthCodec.read(tree, mode);
        List<ValidationProblem> warnings = join(document.json().warnings(), parsed.warnings());
        if (!parsed.ok()) {
            return PlannedDocument.refused(document, Kind.AUTHENTICATION_STRENGTH, tree.path("id").asText(""),
                    tree.path("displayName").asText(""), parsed.errors(), warnings);
        }
        AuthenticationStrength strength = parsed.value().id().isBlank()
                ? parsed.value().withId(UUID.randomUUID().toString()) : parsed.value();
        if (!taken.add(key(DocumentKind.AUTHENTICATION_STRENGTH, strength.id()))) {
            return PlannedDocument.refused(document, Kind.AUTHENTICATION_STRENGTH, strength.id(), strength.displayName(),
                    List.of(PlannedDocument.idTaken("authentication strength")), warnings);
        }
        strengths.put(strength.id(), strength);
        return new PlannedDocument(PlannedDocument.report(document, Kind.AUTHENTICATION_STRENGTH, strength.id(), strength.displayName(),
                List.of(), warnings, Optional.empty(), Optional.empty(), null),
                Optional.of(new SaveChangeSetPort.Addition<>(DocumentKind.AUTHENTICATION_STRENGTH, strength.id(),
                        strength.displayName(), strength)),
                Optional.empty(), Optional.empty(), Optional.of(strength));
    }

    private PlannedDocument policy(ImportCodec.BundleDocument document, Kind kind, ReadMode mode, ImportMapping mapping,
            DirectoryReferences references, Optional<String> administrator, Map<String, NamedLocation> locations,
            Map<String, AuthenticationStrength> strengths, Set<String> taken, Set<String> storedPolicyNames) {
        JsonNode tree = document.json().value();
        String name = tree.path(kind == Kind.TEMPLATE ? "name" : "displayName").asText("");
        Parsed<ConditionalAccessPolicy> parsed = policyCodec.read(tree, mode);
        List<ValidationProblem> warnings = join(document.json().warnings(), parsed.warnings());
        if (!parsed.ok()) {
            return PlannedDocument.refused(document, kind, tree.path("id").asText(""), name, parsed.errors(), warnings);
        }
        String prefix = kind == Kind.TEMPLATE ? "details." : "";
        References.Resolution resolution = References.resolve(parsed.value(), prefix, mapping, references, administrator);
        ConditionalAccessPolicy policy = resolution.policy().withState(PolicyState.REPORT_ONLY);
        if (policy.id().isBlank()) {
            policy = policy.withId(UUID.randomUUID().toString());
        }
        Parsed<ConditionalAccessPolicy> checked = policyCodec.check(policy, mode, locations, strengths);
        List<ValidationProblem> errors = new ArrayList<>(prefixed(prefix, checked.errors()));
        warnings = join(warnings, prefixed(prefix, checked.warnings()));
        if (mode == ReadMode.STRICT) {
            resolution.unresolved().forEach(u -> errors.add(new ValidationProblem(u.reference().path(),
                    "'" + u.reference().written() + "' names no Keycloak " + u.reference().kind().mappingKey()
                            + ": map it (rejected in strict mode)")));
        }
        if (SecurityDefaultsPolicies.isReserved(policy.id())) {
            errors.add(new ValidationProblem(prefix + "id", SecurityDefaultsPolicies.RESERVED_ID));
        }
        if (errors.isEmpty() && !taken.add(key(DocumentKind.POLICY, policy.id()))) {
            errors.add(PlannedDocument.idTaken("policy"));
        }
        Optional<PolicyState> stateInFile = kind == Kind.TEMPLATE ? Optional.empty() : Optional.of(parsed.value().state());
        if (!errors.isEmpty()) {
            return new PlannedDocument(new DocumentReport(document.file(), document.index(), kind, policy.id(), name,
                    Result.REFUSED, stateInFile, Optional.empty(), errors, warnings, resolution.mapped(),
                    resolution.unresolved(), OptionalLong.empty()), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
        if (storedPolicyNames.contains(policy.displayName())) {
            warnings = join(warnings, List.of(new ValidationProblem("displayName",
                    "a stored policy has this name too: imported beside it, under its own id")));
        }
        DocumentReport report = PlannedDocument.report(document, kind, policy.id(), policy.displayName(), resolution.mapped(),
                warnings, stateInFile, Optional.of(PolicyState.REPORT_ONLY), resolution.unresolved());
        return new PlannedDocument(report, Optional.of(new SaveChangeSetPort.Addition<>(DocumentKind.POLICY, policy.id(),
                policy.displayName(), policy)), Optional.of(policy), Optional.empty(),
                Optional.empty());
    }

    private static List<ValidationProblem> prefixed(String prefix, List<ValidationProblem> problems) {
        if (prefix.isEmpty()) {
            return problems;
        }
        return problems.stream().map(p -> new ValidationProblem(p.path().isEmpty() ? "details" : prefix + p.path(),
                p.message())).toList();
    }

    private static List<ValidationProblem> join(List<ValidationProblem> a, List<ValidationProblem> b) {
        List<ValidationProblem> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

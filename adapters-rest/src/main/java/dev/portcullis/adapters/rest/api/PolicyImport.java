package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.core.evaluation.PolicySet;
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
import dev.portcullis.graphjson.JsonText;
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

    /** A document the plan would store, with its report. */
    record Planned(DocumentReport report, Optional<SaveChangeSetPort.NewDocument> document,
            Optional<ConditionalAccessPolicy> policy, Optional<NamedLocation> location,
            Optional<AuthenticationStrength> strength) {}

    record Plan(List<Planned> documents, List<String> skipped, boolean directoryConnected,
            ImportReport.LockoutView lockoutGuard) {

        List<SaveChangeSetPort.NewDocument> toStore() {
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
    private final JsonText json = JsonText.shared();
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

        Planned[] planned = new Planned[bundle.documents().size()];
        // Locations and strengths first: the policies of the same bundle name them.
        for (int i = 0; i < planned.length; i++) {
            ImportCodec.BundleDocument document = bundle.documents().get(i);
            Kind kind = document.json().ok() ? imports.kindOf(document.json().value()) : Kind.UNKNOWN;
            if (!document.json().ok()) {
                planned[i] = refused(document, Kind.UNKNOWN, "", "", document.json().errors(), List.of());
            } else if (kind == Kind.UNKNOWN) {
                planned[i] = refused(document, kind, document.json().value().path("id").asText(""),
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
        List<Planned> plan = List.of(planned);
        return new Plan(plan, bundle.skipped(), references.connected(), lockoutView(plan, actor));
    }

    private Planned location(ImportCodec.BundleDocument document, Set<String> taken, Map<String, NamedLocation> locations) {
        Parsed<NamedLocation> parsed = locationCodec.read(document.json().value());
        List<ValidationProblem> warnings = join(document.json().warnings(), parsed.warnings());
        JsonNode tree = document.json().value();
        if (!parsed.ok()) {
            return refused(document, Kind.NAMED_LOCATION, tree.path("id").asText(""),
                    tree.path("displayName").asText(""), parsed.errors(), warnings);
        }
        NamedLocation location = parsed.value().id().isBlank() ? parsed.value().withId(UUID.randomUUID().toString())
                : parsed.value();
        if (!taken.add(key(DocumentKind.NAMED_LOCATION, location.id()))) {
            return refused(document, Kind.NAMED_LOCATION, location.id(), location.displayName(), List.of(idTaken(
                    "named location")), warnings);
        }
        locations.put(location.id(), location);
        return new Planned(report(document, Kind.NAMED_LOCATION, location.id(), location.displayName(), List.of(),
                warnings, Optional.empty(), Optional.empty(), null),
                Optional.of(new SaveChangeSetPort.NewDocument(DocumentKind.NAMED_LOCATION, location.id(),
                        location.displayName(), json.text(locationCodec.write(location)))),
                Optional.empty(), Optional.of(location), Optional.empty());
    }

    private Planned strength(ImportCodec.BundleDocument document, ReadMode mode, Set<String> taken,
            Map<String, AuthenticationStrength> strengths) {
        JsonNode tree = document.json().value();
        Optional<AuthenticationStrength> builtIn = AuthenticationStrength.BUILT_IN.stream()
                .filter(s -> s.id().equals(tree.path("id").asText())).findFirst();
        if (builtIn.isPresent()) {
            return new Planned(report(document, Kind.AUTHENTICATION_STRENGTH, builtIn.get().id(),
                    builtIn.get().displayName(), List.of(), List.of(new ValidationProblem("id", "a built-in strength:"
                            + " Portcullis has it already, so nothing is stored")), Optional.empty(), Optional.empty(),
                    null), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        Parsed<AuthenticationStrength> parsed = strengthCodec.read(tree, mode);
        List<ValidationProblem> warnings = join(document.json().warnings(), parsed.warnings());
        if (!parsed.ok()) {
            return refused(document, Kind.AUTHENTICATION_STRENGTH, tree.path("id").asText(""),
                    tree.path("displayName").asText(""), parsed.errors(), warnings);
        }
        AuthenticationStrength strength = parsed.value().id().isBlank()
                ? parsed.value().withId(UUID.randomUUID().toString()) : parsed.value();
        if (!taken.add(key(DocumentKind.AUTHENTICATION_STRENGTH, strength.id()))) {
            return refused(document, Kind.AUTHENTICATION_STRENGTH, strength.id(), strength.displayName(),
                    List.of(idTaken("authentication strength")), warnings);
        }
        strengths.put(strength.id(), strength);
        return new Planned(report(document, Kind.AUTHENTICATION_STRENGTH, strength.id(), strength.displayName(),
                List.of(), warnings, Optional.empty(), Optional.empty(), null),
                Optional.of(new SaveChangeSetPort.NewDocument(DocumentKind.AUTHENTICATION_STRENGTH, strength.id(),
                        strength.displayName(), json.text(strengthCodec.write(strength)))),
                Optional.empty(), Optional.empty(), Optional.of(strength));
    }

    private Planned policy(ImportCodec.BundleDocument document, Kind kind, ReadMode mode, ImportMapping mapping,
            DirectoryReferences references, Optional<String> administrator, Map<String, NamedLocation> locations,
            Map<String, AuthenticationStrength> strengths, Set<String> taken, Set<String> storedPolicyNames) {
        JsonNode tree = document.json().value();
        String name = tree.path(kind == Kind.TEMPLATE ? "name" : "displayName").asText("");
        Parsed<ConditionalAccessPolicy> parsed = policyCodec.read(tree, mode);
        List<ValidationProblem> warnings = join(document.json().warnings(), parsed.warnings());
        if (!parsed.ok()) {
            return refused(document, kind, tree.path("id").asText(""), name, parsed.errors(), warnings);
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
            errors.add(idTaken("policy"));
        }
        Optional<PolicyState> stateInFile = kind == Kind.TEMPLATE ? Optional.empty() : Optional.of(parsed.value().state());
        if (!errors.isEmpty()) {
            return new Planned(new DocumentReport(document.file(), document.index(), kind, policy.id(), name,
                    Result.REFUSED, stateInFile, Optional.empty(), errors, warnings, resolution.mapped(),
                    resolution.unresolved(), OptionalLong.empty()), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
        if (storedPolicyNames.contains(policy.displayName())) {
            warnings = join(warnings, List.of(new ValidationProblem("displayName",
                    "a stored policy has this name too: imported beside it, under its own id")));
        }
        DocumentReport report = report(document, kind, policy.id(), policy.displayName(), resolution.mapped(),
                warnings, stateInFile, Optional.of(PolicyState.REPORT_ONLY), resolution.unresolved());
        return new Planned(report, Optional.of(new SaveChangeSetPort.NewDocument(DocumentKind.POLICY, policy.id(),
                policy.displayName(), json.text(policyCodec.write(policy)))), Optional.of(policy), Optional.empty(),
                Optional.empty());
    }

    /** The lockout guard's word on the import itself (report-only, so nothing) and with each policy enabled as exported. */
    private ImportReport.LockoutView lockoutView(List<Planned> plan, String actor) {
        if (!directory.connected()) {
            return new ImportReport.LockoutView(false, "no directory is configured: the administrators are unknown",
                    List.of(), List.of());
        }
        PolicySet before = published.current().snapshot().policySet();
        List<NamedLocation> locations = new ArrayList<>(before.namedLocations().values());
        plan.forEach(p -> p.location().ifPresent(locations::add));
        List<AuthenticationStrength> strengths = new ArrayList<>(before.customStrengths());
        plan.forEach(p -> p.strength().ifPresent(strengths::add));
        List<ConditionalAccessPolicy> asImported = new ArrayList<>(before.policies());
        List<ConditionalAccessPolicy> enabled = new ArrayList<>(before.policies());
        for (Planned p : plan) {
            p.policy().ifPresent(policy -> {
                asImported.add(policy);
                enabled.add(policy.withState(p.report().stateInFile().orElse(PolicyState.REPORT_ONLY)));
            });
        }
        GuardLockout.Judgement judgement = guard.judge(before, List.of(PolicySet.of(asImported, locations, strengths),
                PolicySet.of(enabled, locations, strengths)), actor);
        if (judgement instanceof GuardLockout.Judgement.Judged judged) {
            return new ImportReport.LockoutView(true, "", judged.refusals().get(0), judged.refusals().get(1));
        }
        // The directory is configured (checked above), so it could not answer.
        return new ImportReport.LockoutView(false, ((GuardLockout.Judgement.DirectoryUnavailable) judgement).reason(),
                List.of(), List.of());
    }

    private static DocumentReport report(ImportCodec.BundleDocument document, Kind kind, String id, String name,
            List<References.Mapped> mapped, List<ValidationProblem> warnings, Optional<PolicyState> stateInFile,
            Optional<PolicyState> state, List<References.Unresolved> unresolved) {
        List<References.Unresolved> open = unresolved == null ? List.of() : unresolved;
        // Annotations and read-only fields carry no meaning: a document that lost nothing else is "as is".
        boolean asIs = open.isEmpty() && warnings.stream().allMatch(w -> w.message().startsWith("ignored: "));
        return new DocumentReport(document.file(), document.index(), kind, id, name,
                asIs ? Result.IMPORTED_AS_IS : Result.IMPORTED_WITH_WARNINGS, stateInFile, state, List.of(), warnings,
                mapped, open, OptionalLong.empty());
    }

    private static Planned refused(ImportCodec.BundleDocument document, Kind kind, String id, String name,
            List<ValidationProblem> errors, List<ValidationProblem> warnings) {
        return new Planned(new DocumentReport(document.file(), document.index(), kind, id, name, Result.REFUSED,
                Optional.empty(), Optional.empty(), errors, warnings, List.of(), List.of(), OptionalLong.empty()),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static ValidationProblem idTaken(String noun) {
        return new ValidationProblem("id", "a " + noun + " with this id exists (stored, or earlier in the bundle):"
                + " delete it first, or leave the id out to import this one as a new " + noun);
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

package dev.portcullis.graphjson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.alert.HighRiskAlert;
import dev.portcullis.core.device.Device;
import dev.portcullis.core.risk.RiskyUser;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.evaluation.Evaluation;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signinlog.SignInRecord;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.core.validation.PolicyValidator;
import dev.portcullis.core.validation.ValidationProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one place where Portcullis' documents become JSON and back: Graph's conditional access
 * resources, the policy snapshot Keycloak nodes pull, and the sign-in records they push. Thread-safe.
 */
public final class GraphJson {

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /**
     * Parses bytes into a tree; malformed JSON is one problem naming line and column. The bytes may be
     * UTF-8 or UTF-16 (PowerShell's default), with or without a byte-order mark, as exports come.
     */
    public Parsed<JsonNode> parse(byte[] json) {
        Parsed<String> text = Encodings.decode(json);
        if (!text.ok()) {
            return new Parsed<>(null, text.errors(), List.of());
        }
        try (JsonParser parser = mapper.createParser(text.value())) {
            if (parser.nextToken() == null) {
                return problem("", "the body is empty: send a JSON document");
            }
            List<ValidationProblem> warnings = new ArrayList<>();
            JsonNode node = Trees.read(parser, "", warnings);
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                return problem("", "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr()
                        + ": more content after the document ends");
            }
            return new Parsed<>(node, List.of(), warnings);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return problem("", "malformed JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            return problem("", "unreadable body: " + e.getMessage());
        }
    }

    public Parsed<ConditionalAccessPolicy> readPolicy(JsonNode json, ReadMode mode) {
        return readObject(json, mode, PolicyJson::read);
    }

    public ObjectNode writePolicy(ConditionalAccessPolicy policy) {
        return PolicyJson.write(policy);
    }

    /** Reads and validates a named location (ranges, country codes): it needs no other document. */
    public Parsed<NamedLocation> readNamedLocation(JsonNode json) {
        return readObject(json, ReadMode.STRICT, r -> validated(r, NamedLocationJson.read(r), PolicyValidator::validate));
    }

    public ObjectNode writeNamedLocation(NamedLocation location) {
        return NamedLocationJson.write(location);
    }

    public Parsed<AuthenticationStrength> readAuthenticationStrength(JsonNode json, ReadMode mode) {
        return readObject(json, mode, r -> validated(r, StrengthJson.read(r), PolicyValidator::validate));
    }

    /**
     * Reads a policy and checks it against the named locations and strengths it may refer to:
     * every problem, from JSON types to unknown location ids, in one list.
     */
    public Parsed<ConditionalAccessPolicy> readPolicy(
            JsonNode json, ReadMode mode, Map<String, NamedLocation> namedLocations,
            Map<String, AuthenticationStrength> strengths) {
        return readObject(json, mode, r -> {
            ConditionalAccessPolicy policy = validated(r, PolicyJson.read(r),
                    p -> PolicyValidator.validate(p, namedLocations, strengths));
            if (policy != null) {
                neverEnforcedLocations(policy, namedLocations, r.problems());
            }
            return policy;
        });
    }

    public ObjectNode writeAuthenticationStrength(AuthenticationStrength strength) {
        return StrengthJson.write(strength);
    }

    public byte[] writeSnapshot(PolicySnapshot snapshot) {
        ObjectNode node = mapper.createObjectNode();
        node.put("epoch", snapshot.epoch());
        node.put("version", snapshot.version());
        node.put("publishedAt", snapshot.publishedAt().toString());
        PolicySet set = snapshot.policySet();
        ArrayNode policies = node.putArray("policies");
        set.policies().forEach(p -> policies.add(writePolicy(p)));
        ArrayNode locations = node.putArray("namedLocations");
        set.namedLocations().values().stream().sorted((a, b) -> a.id().compareTo(b.id()))
                .forEach(l -> locations.add(writeNamedLocation(l)));
        ArrayNode strengths = node.putArray("authenticationStrengths");
        set.authenticationStrengths().values().stream().filter(s -> !s.builtIn())
                .sorted((a, b) -> a.id().compareTo(b.id())).forEach(s -> strengths.add(writeAuthenticationStrength(s)));
        node.put("deviceCheckInMaxAge", snapshot.devices().maxCheckInAge().toString());
        ArrayNode devices = node.putArray("devices");
        snapshot.devices().devices().stream().sorted((a, b) -> a.id().compareTo(b.id()))
                .forEach(d -> devices.add(DeviceJson.write(d)));
        ArrayNode risky = node.putArray("riskyUsers");
        snapshot.riskyUsers().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ObjectNode user = risky.addObject();
            user.put("id", e.getKey());
            user.put("riskLevel", e.getValue().level().graphName());
            ArrayNode reasons = user.putArray("riskReasons");
            e.getValue().firedRules().forEach(rule -> reasons.addObject().put("rule", rule.rule())
                    .put("riskLevel", rule.level().graphName()).put("detail", rule.detail()));
        });
        return bytes(node);
    }

    /**
     * Reads a snapshot; it is whole and valid or it is refused. Documents are read leniently, as the
     * control plane accepted them, so parts Portcullis cannot enforce come back as warnings.
     */
    public Parsed<PolicySnapshot> readSnapshot(byte[] json) {
        Parsed<JsonNode> tree = parse(json);
        if (!tree.ok()) {
            return new Parsed<>(null, tree.errors(), List.of());
        }
        ReadProblems problems = new ReadProblems(ReadMode.LENIENT);
        if (!tree.value().isObject()) {
            problems.error("", "expected a snapshot object");
            return problems.result(null);
        }
        JsonReader r = new JsonReader(tree.value(), "", problems);
        r.onlyKnownFields(java.util.Set.of("epoch", "version", "publishedAt", "policies", "namedLocations",
                "authenticationStrengths", "deviceCheckInMaxAge", "devices", "riskyUsers"));
        String epoch = r.requiredString("epoch");
        if (r.has("epoch") && !PolicySnapshot.validEpoch(epoch)) {
            problems.error("epoch", "expected 1 to 64 letters, digits or '-'");
        }
        long version = r.integer("version").orElse(-1L);
        if (version < 0) {
            problems.error("version", "required: a non-negative whole number");
        }
        Instant publishedAt = r.instant("publishedAt");
        List<ConditionalAccessPolicy> policies = new ArrayList<>();
        r.objects("policies").forEach(p -> addIfPresent(policies, PolicyJson.read(p)));
        List<NamedLocation> locations = new ArrayList<>();
        r.objects("namedLocations").forEach(l -> addIfPresent(locations, NamedLocationJson.read(l)));
        List<AuthenticationStrength> strengths = new ArrayList<>();
        r.objects("authenticationStrengths").forEach(s -> addIfPresent(strengths, StrengthJson.read(s)));
        List<Device> devices = new ArrayList<>();
        r.objects("devices").forEach(d -> addIfPresent(devices, DeviceJson.read(d)));
        Duration maxCheckInAge = r.string("deviceCheckInMaxAge").map(text -> {
            try {
                return Duration.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                problems.error("deviceCheckInMaxAge", "expected an ISO-8601 duration such as PT720H");
                return null;
            }
        }).orElse(DeviceInventory.empty().maxCheckInAge());
        Map<String, RiskAssessment> riskyUsers = new java.util.LinkedHashMap<>();
        for (JsonReader user : r.objects("riskyUsers")) {
            String userId = user.requiredString("id");
            RiskLevel level = user.enumValue("riskLevel", RiskLevel.class).orElse(RiskLevel.HIGH);
            List<RiskAssessment.FiredRule> rules = new ArrayList<>();
            for (JsonReader rule : user.objects("riskReasons")) {
                rules.add(new RiskAssessment.FiredRule(rule.requiredString("rule"),
                        rule.enumValue("riskLevel", RiskLevel.class).orElse(level), rule.string("detail").orElse("")));
            }
            riskyUsers.put(userId, new RiskAssessment(level, rules));
        }
        if (!problems.errors.isEmpty() || publishedAt == null) {
            return problems.result(null);
        }
        List<ValidationProblem> invalid = PolicySet.validate(policies, locations, strengths);
        if (!invalid.isEmpty()) {
            problems.errors.addAll(invalid);
            return problems.result(null);
        }
        if (maxCheckInAge == null) {
            return problems.result(null);
        }
        return problems.result(new PolicySnapshot(epoch, version, publishedAt, PolicySet.of(policies, locations, strengths),
                new DeviceInventory(devices, maxCheckInAge), riskyUsers));
    }

    public ObjectNode writeSignInRecordTree(SignInRecord record) {
        return SignInRecordJson.write(record);
    }

    public byte[] writeSignInRecord(SignInRecord record) {
        return bytes(SignInRecordJson.write(record));
    }

    /** Several records as one JSON array: the body a Keycloak node posts to the control plane. */
    public byte[] writeSignInRecords(List<SignInRecord> records) {
        ArrayNode array = mapper.createArrayNode();
        records.forEach(r -> array.add(SignInRecordJson.write(r)));
        return bytes(array);
    }

    public Parsed<SignInRecord> readSignInRecord(JsonNode json) {
        return readObject(json, ReadMode.STRICT, SignInRecordJson::read);
    }

    /** An array of records; one bad record rejects the batch, with paths such as {@code [3].userId}. */
    public Parsed<List<SignInRecord>> readSignInRecords(byte[] json) {
        Parsed<JsonNode> tree = parse(json);
        if (!tree.ok()) {
            return new Parsed<>(null, tree.errors(), List.of());
        }
        ReadProblems problems = new ReadProblems(ReadMode.STRICT);
        if (!tree.value().isArray()) {
            problems.error("", "expected an array of sign-in records");
            return problems.result(null);
        }
        List<SignInRecord> records = new ArrayList<>();
        for (int i = 0; i < tree.value().size(); i++) {
            JsonNode item = tree.value().get(i);
            if (!item.isObject()) {
                problems.error("[" + i + "]", "expected an object");
                continue;
            }
            addIfPresent(records, SignInRecordJson.read(new JsonReader(item, "[" + i + "]", problems)));
        }
        return problems.result(records);
    }

    /**
     * A What-If question: the sign-in to try, whether to list only the policies that apply, and
     * draft policies / named locations to evaluate instead of the stored ones.
     */
    public record WhatIf(SignIn signIn, boolean appliedPoliciesOnly, Optional<List<ConditionalAccessPolicy>> policies,
            Optional<List<NamedLocation>> namedLocations) {}

    public Parsed<WhatIf> readWhatIf(JsonNode json, Instant now) {
        return readObject(json, ReadMode.LENIENT, r -> WhatIfJson.read(r, now));
    }

    public ObjectNode writeWhatIf(Evaluation evaluation, boolean appliedPoliciesOnly) {
        return WhatIfJson.write(evaluation, appliedPoliciesOnly);
    }

    /** Parts of a request read but not enforced are said in the answer, never silently dropped. */
    public ObjectNode withWarnings(ObjectNode answer, List<ValidationProblem> warnings) {
        if (!warnings.isEmpty()) {
            ArrayNode list = answer.putArray("@portcullis.warnings");
            warnings.forEach(w -> list.addObject().put("path", w.path()).put("message", w.message()));
        }
        return answer;
    }

    /** A device reported by an MDM integration (the device inventory API). */
    public Parsed<Device> readDevice(JsonNode json) {
        return readObject(json, ReadMode.STRICT, DeviceJson::read);
    }

    public ObjectNode writeDevice(Device device) {
        return DeviceJson.write(device);
    }

    /** A risky user as stored: the events and remediation its level is computed from. */
    public Parsed<RiskyUser> readRiskyUser(JsonNode json) {
        return readObject(json, ReadMode.STRICT, RiskyUserJson::read);
    }

    /** Graph's riskyUser, assessed as given, with what the assessment came from. */
    public ObjectNode writeRiskyUser(RiskyUser user, RiskAssessment assessment, String riskState) {
        return RiskyUserJson.write(user, assessment, riskState);
    }

    public Parsed<HighRiskAlert> readAlert(JsonNode json) {
        return readObject(json, ReadMode.STRICT, AlertJson::read);
    }

    public ObjectNode writeAlertTree(HighRiskAlert alert) {
        return AlertJson.write(alert);
    }

    /** The body of an alert webhook. */
    public byte[] writeAlert(HighRiskAlert alert) {
        return bytes(AlertJson.write(alert));
    }

    /** One document of an import bundle: its file, its place in it when the file holds several, its JSON. */
    public record BundleDocument(String file, java.util.OptionalInt index, Parsed<JsonNode> json) {}

    /** @param skipped files of a zip that are not JSON, read past */
    public record Bundle(List<BundleDocument> documents, List<String> skipped) {}

    /**
     * An import bundle: one document, a JSON array, Graph's {@code {"value": [...]}}, or a zip of such
     * files (each may be UTF-16, carry a byte-order mark, hold several documents). A file that is not
     * JSON is one document that cannot be read; only a bundle that cannot be read at all is an error.
     */
    public Parsed<Bundle> readBundle(byte[] body) {
        return ImportJson.readBundle(this, body);
    }

    /** What a bundle document is: a policy, a template, a named location, an authentication strength. */
    public dev.portcullis.core.migration.ImportReport.Kind kindOf(JsonNode document) {
        return ImportJson.kind(document);
    }

    public Parsed<dev.portcullis.core.migration.ImportMapping> readImportMapping(byte[] body) {
        Parsed<JsonNode> tree = parse(body);
        if (!tree.ok()) {
            return new Parsed<>(null, tree.errors(), List.of());
        }
        return readObject(tree.value(), ReadMode.STRICT, ImportJson::readMapping);
    }

    public ObjectNode writeImportReport(dev.portcullis.core.migration.ImportReport report) {
        return ImportJson.write(report);
    }

    /**
     * Checks a policy already read against the named locations and strengths it names: the
     * validator's errors, and in strict mode the parts it names that are never enforced.
     */
    public Parsed<ConditionalAccessPolicy> checkPolicy(ConditionalAccessPolicy policy, ReadMode mode,
            Map<String, NamedLocation> namedLocations, Map<String, AuthenticationStrength> strengths) {
        ReadProblems problems = new ReadProblems(mode);
        PolicyValidator.validate(policy, namedLocations, strengths).forEach(problems.errors::add);
        neverEnforcedLocations(policy, namedLocations, problems);
        return problems.result(policy);
    }

    private static void neverEnforcedLocations(ConditionalAccessPolicy policy, Map<String, NamedLocation> namedLocations,
            ReadProblems problems) {
        policy.conditions().locations().map(l -> l.compliantNetwork(namedLocations)).ifPresent(network ->
                problems.unenforceable("conditions.locations", "never enforced: names the Global Secure"
                        + " Access compliant network '" + network + "', which Keycloak cannot see"));
    }

    /** An OAuth token response (RFC 6749 section 5.1), as a node reads it to call the control plane. */
    public record TokenResponse(String accessToken, long expiresInSeconds) {}

    public Parsed<TokenResponse> readTokenResponse(byte[] body) {
        Parsed<JsonNode> tree = parse(body);
        if (!tree.ok()) {
            return new Parsed<>(null, tree.errors(), List.of());
        }
        String token = tree.value().path("access_token").asText("");
        if (token.isEmpty()) {
            return problem("access_token", "missing from the token response");
        }
        return new Parsed<>(new TokenResponse(token, tree.value().path("expires_in").asLong(60)), List.of(), List.of());
    }

    public byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree we built ourselves always serializes
        }
    }

    private <T> Parsed<T> readObject(JsonNode json, ReadMode mode, Function<JsonReader, T> reader) {
        ReadProblems problems = new ReadProblems(mode);
        if (json == null || !json.isObject()) {
            problems.error("", "expected a JSON object");
            return problems.result(null);
        }
        T value = reader.apply(new JsonReader(json, "", problems));
        return problems.result(value);
    }

    private static <T> T validated(JsonReader r, T value, Function<T, List<ValidationProblem>> validator) {
        if (value == null) {
            return null;
        }
        // A field the reader already complained about is not reported twice.
        List<String> reported = r.problems().errors.stream().map(ValidationProblem::path).toList();
        validator.apply(value).stream()
                .filter(p -> reported.stream().noneMatch(seen -> seen.startsWith(p.path()) || p.path().startsWith(seen)))
                .forEach(r.problems().errors::add);
        return value;
    }

    private static <T> void addIfPresent(List<T> list, T value) {
        if (value != null) {
            list.add(value);
        }
    }

    private static <T> Parsed<T> problem(String path, String message) {
        return new Parsed<>(null, List.of(new ValidationProblem(path, message)), List.of());
    }
}

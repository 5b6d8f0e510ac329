package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.migration.ImportMapping;
import dev.portcullis.core.migration.ImportReport;
import dev.portcullis.core.migration.ReferenceKind;
import dev.portcullis.core.migration.References;
import dev.portcullis.core.validation.ValidationProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The import's wire formats: a bundle (a JSON document, a JSON array, Graph's {@code {"value": [...]}},
 * or a zip of such files, as exports come), the mapping file, and the report.
 */
public final class ImportCodec {

    private static final ImportCodec INSTANCE = new ImportCodec();

    /** Bounds for a zip, so a small upload cannot unpack into something the server cannot hold. */
    static final int MAX_ENTRIES = 2000;
    static final long MAX_UNPACKED = 32L * 1024 * 1024;

    /** One document of an import bundle: its file, its place in it when the file holds several, its JSON. */
    public record BundleDocument(String file, OptionalInt index, Parsed<JsonNode> json) {}

    /** @param skipped files of a zip that are not JSON, read past */
    public record Bundle(List<BundleDocument> documents, List<String> skipped) {}

    private ImportCodec() {}

    public static ImportCodec instance() {
        return INSTANCE;
    }

    /**
     * An import bundle: one document, a JSON array, Graph's {@code {"value": [...]}}, or a zip of such
     * files (each may be UTF-16, carry a byte-order mark, hold several documents). A file that is not
     * JSON is one document that cannot be read; only a bundle that cannot be read at all is an error.
     */
    public Parsed<Bundle> readBundle(byte[] body) {
        JsonText json = JsonText.shared();
        List<BundleDocument> documents = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (isZip(body)) {
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
                long unpacked = 0;
                int entries = 0;
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    if (++entries > MAX_ENTRIES) {
                        return problem("more than " + MAX_ENTRIES + " files in the zip: import it in parts");
                    }
                    String name = entry.getName();
                    if (entry.isDirectory()) {
                        continue;
                    }
                    if (!name.toLowerCase(Locale.ROOT).endsWith(".json") || name.startsWith("__MACOSX/")) {
                        skipped.add(name);
                        continue;
                    }
                    byte[] bytes = zip.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_UNPACKED - unpacked + 1));
                    unpacked += bytes.length;
                    if (unpacked > MAX_UNPACKED) {
                        return problem("the zip unpacks to more than " + MAX_UNPACKED / (1024 * 1024)
                                + " MB: import it in parts");
                    }
                    addFile(json, name, bytes, documents);
                }
            } catch (ZipException e) {
                return problem("not a readable zip: " + e.getMessage());
            } catch (IOException e) {
                return problem("not a readable zip: " + e.getMessage());
            }
            if (documents.isEmpty()) {
                return problem("the zip holds no .json file");
            }
        } else {
            Parsed<JsonNode> tree = json.parse(body);
            if (!tree.ok()) {
                return new Parsed<>(null, tree.errors(), List.of());
            }
            JsonNode root = tree.value();
            if (!root.isObject() && !root.isArray()) {
                return problem("expected a document, an array of documents, {\"value\": [...]} or a zip of files");
            }
            split("body", root, tree.warnings(), documents);
        }
        if (documents.isEmpty()) {
            return problem("the bundle holds no document");
        }
        return new Parsed<>(new Bundle(documents, skipped), List.of(), List.of());
    }

    private static void addFile(JsonText json, String name, byte[] bytes, List<BundleDocument> documents) {
        Parsed<JsonNode> tree = json.parse(bytes);
        if (!tree.ok()) {
            documents.add(new BundleDocument(name, OptionalInt.empty(), tree));
        } else {
            split(name, tree.value(), tree.warnings(), documents);
        }
    }

    /** One file's documents: itself, the items of an array, or of Graph's {@code value}. */
    private static void split(String file, JsonNode root, List<ValidationProblem> warnings,
            List<BundleDocument> documents) {
        JsonNode items = root.isArray() ? root
                : root.isObject() && root.path("value").isArray() && !root.has("conditions") && !root.has("details")
                        ? root.get("value") : null;
        if (items == null) {
            documents.add(new BundleDocument(file, OptionalInt.empty(), new Parsed<>(root, List.of(), warnings)));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            documents.add(new BundleDocument(file, OptionalInt.of(i),
                    new Parsed<>(items.get(i), List.of(), i == 0 ? warnings : List.of())));
        }
    }

    private static boolean isZip(byte[] body) {
        return body.length >= 4 && body[0] == 'P' && body[1] == 'K' && body[2] == 3 && body[3] == 4;
    }

    /**
     * What a bundle document is (a policy, a template, a named location, an authentication strength),
     * by the fields Graph gives each kind.
     */
    public ImportReport.Kind kindOf(JsonNode document) {
        if (!document.isObject()) {
            return ImportReport.Kind.UNKNOWN;
        }
        String type = document.path("@odata.type").asText("").toLowerCase(Locale.ROOT);
        if (type.endsWith("namedlocation")) {
            return ImportReport.Kind.NAMED_LOCATION;
        }
        if (document.has("details") && !document.has("conditions")) {
            return ImportReport.Kind.TEMPLATE;
        }
        if (document.has("conditions")) {
            return ImportReport.Kind.POLICY;
        }
        if (document.has("allowedCombinations")) {
            return ImportReport.Kind.AUTHENTICATION_STRENGTH;
        }
        return ImportReport.Kind.UNKNOWN;
    }

    /**
     * {@code {"users": {...}, "groups": {...}, "roles": {...}, "applications": {...},
     * "namedLocations": {...}, "authenticationStrengths": {...}}}: each maps an Entra id, display name
     * or placeholder to a Keycloak id or a list of them.
     */
    public Parsed<ImportMapping> readMapping(byte[] body) {
        return JsonText.shared().read(body, tree -> JsonReader.document(tree, ReadMode.STRICT, JsonReader.AN_OBJECT,
                ImportCodec::readMapping));
    }

    private static ImportMapping readMapping(JsonReader r) {
        Map<String, ReferenceKind> kinds = new LinkedHashMap<>();
        for (ReferenceKind kind : ReferenceKind.values()) {
            kinds.put(kind.mappingKey(), kind);
        }
        r.onlyKnownFields(Set.copyOf(kinds.keySet()));
        Map<ReferenceKind, Map<String, List<String>>> entries = new EnumMap<>(ReferenceKind.class);
        kinds.forEach((key, kind) -> r.object(key).ifPresent(section -> {
            Map<String, List<String>> map = new LinkedHashMap<>();
            section.fieldNames().forEach(from -> {
                JsonNode to = section.raw(from);
                List<String> ids = to.isTextual() ? List.of(to.textValue()) : section.strings(from);
                if (!to.isTextual() && !to.isArray()) {
                    section.problems().error(section.path(from), "expected a Keycloak id or a list of them");
                } else if (ids.isEmpty() || ids.stream().anyMatch(String::isBlank)) {
                    section.problems().error(section.path(from), "map to at least one Keycloak id, none blank");
                } else {
                    map.put(from, ids);
                }
            });
            entries.put(kind, map);
        }));
        return new ImportMapping(entries);
    }

    public ObjectNode write(ImportReport report) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode node = f.objectNode();
        node.put("dryRun", report.dryRun());
        report.changeSet().ifPresent(id -> node.put("changeSet", id));
        ObjectNode summary = node.putObject("summary");
        summary.put("documents", report.documents().size());
        for (ImportReport.Result result : ImportReport.Result.values()) {
            summary.put(result.graphName(), report.count(result));
        }
        node.put("directoryConnected", report.directoryConnected());
        ArrayNode documents = node.putArray("documents");
        for (ImportReport.DocumentReport d : report.documents()) {
            ObjectNode doc = documents.addObject();
            doc.put("file", d.file());
            d.index().ifPresent(i -> doc.put("index", i));
            doc.put("kind", d.kind().graphName());
            doc.put("id", d.id());
            doc.put("displayName", d.displayName());
            doc.put("result", d.result().graphName());
            d.stateInFile().ifPresent(s -> doc.put("stateInFile", s.graphName()));
            d.state().ifPresent(s -> doc.put("state", s.graphName()));
            d.version().ifPresent(v -> doc.put("etag", "\"" + v + "\""));
            ProblemsJson.write(doc.putArray("errors"), d.errors());
            ProblemsJson.write(doc.putArray("warnings"), d.warnings());
            ArrayNode unresolved = doc.putArray("unresolvedReferences");
            for (References.Unresolved u : d.unresolved()) {
                ObjectNode item = unresolved.addObject();
                item.put("path", u.reference().path());
                item.put("kind", u.reference().kind().mappingKey());
                item.put("value", u.reference().written());
                u.entraName().ifPresent(name -> item.put("entraName", name));
                ArrayNode suggestions = item.putArray("suggestions");
                u.suggestions().forEach(s -> suggestions.addObject().put("id", s.id()).put("displayName", s.displayName()));
            }
            ArrayNode mapped = doc.putArray("mappedReferences");
            for (References.Mapped m : d.mapped()) {
                ObjectNode item = mapped.addObject();
                item.put("path", m.reference().path());
                item.put("kind", m.reference().kind().mappingKey());
                item.put("from", m.reference().written());
                ArrayNode to = item.putArray("to");
                m.to().forEach(to::add);
            }
        }
        ArrayNode skipped = node.putArray("skipped");
        report.skipped().forEach(skipped::add);
        ObjectNode guard = node.putObject("lockoutGuard");
        guard.put("checked", report.lockoutGuard().checked());
        if (!report.lockoutGuard().detail().isEmpty()) {
            guard.put("detail", report.lockoutGuard().detail());
        }
        ArrayNode asImported = guard.putArray("asImported");
        report.lockoutGuard().asImported().forEach(asImported::add);
        ArrayNode enabled = guard.putArray("whenEnabledAsExported");
        report.lockoutGuard().whenEnabledAsExported().forEach(enabled::add);
        return node;
    }

    private static <T> Parsed<T> problem(String message) {
        return new Parsed<>(null, List.of(new ValidationProblem("", message)), List.of());
    }
}

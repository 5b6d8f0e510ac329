package dev.portcullis.graphjson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portcullis.core.validation.ValidationProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * JSON bytes to trees and back, through the one configured mapper every codec shares. The mapper is
 * built once and never reconfigured, so the one instance is safe to share between threads.
 */
public final class JsonText {

    private static final JsonText SHARED = new JsonText(JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build());

    private final ObjectMapper mapper;

    private JsonText(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static JsonText shared() {
        return SHARED;
    }

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
                return problem("the body is empty: send a JSON document");
            }
            List<ValidationProblem> warnings = new ArrayList<>();
            JsonNode node = Trees.read(parser, "", warnings);
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                return problem("malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr()
                        + ": more content after the document ends");
            }
            return new Parsed<>(node, List.of(), warnings);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return problem("malformed JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            return problem("unreadable body: " + e.getMessage());
        }
    }

    public byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree we built ourselves always serializes
        }
    }

    /** The JSON as text, for stores that keep documents as strings. */
    public String text(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    /** Parses bytes, then reads the tree; bytes that are not JSON are the read's only problems. */
    <T> Parsed<T> read(byte[] json, Function<JsonNode, Parsed<T>> reader) {
        Parsed<JsonNode> tree = parse(json);
        return tree.ok() ? reader.apply(tree.value()) : new Parsed<>(null, tree.errors(), List.of());
    }

    /** A part kept as Graph wrote it: it was read from valid JSON, so it parses. */
    JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept part of a document is not JSON: " + json, e);
        }
    }

    private static <T> Parsed<T> problem(String message) {
        return new Parsed<>(null, List.of(new ValidationProblem("", message)), List.of());
    }
}

package dev.portcullis.adapters.rest.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.graphjson.envelope.Opened;
import dev.portcullis.graphjson.envelope.SigningKey;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import dev.portcullis.graphjson.envelope.TrustedKeys;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Opens the snapshot a node pulls as a node does: with the public key of the control plane's (test) signing key. */
final class SignedSnapshots {

    static final SigningKey KEY = key();

    private SignedSnapshots() {}

    private static SigningKey key() {
        try {
            return SigningKey.fromPem(Files.readString(Path.of("src/test/resources/snapshot-signing-key.pem")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The snapshot JSON inside a 200 answer, after checking it is signed with the control plane's key. */
    static JsonPath read(Response response) {
        response.then().statusCode(200).contentType(SnapshotEnvelope.MEDIA_TYPE);
        Opened opened = SnapshotEnvelope.open(response.asByteArray(), TrustedKeys.of(List.of(KEY.publicKey())));
        assertThat(opened).as("the snapshot is signed with the control plane's key").isInstanceOf(Opened.Verified.class);
        return new JsonPath(new String(((Opened.Verified) opened).payload(), StandardCharsets.UTF_8));
    }
}

package dev.portcullis.core.service.archfixture;

import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.graphjson.DocumentCodec;

/**
 * Not product code: a deliberate violation (a service decoding stored text itself, instead of reading
 * values from its store) that {@code ArchitectureTest} checks its encoding rule against.
 */
public class ServiceFixtureDecodingText {

    private final DocumentCodec<ConditionalAccessPolicy> codec;

    public ServiceFixtureDecodingText(DocumentCodec<ConditionalAccessPolicy> codec) {
        this.codec = codec;
    }

    public String name(String storedJson) {
        return codec.decode(storedJson).displayName();
    }
}

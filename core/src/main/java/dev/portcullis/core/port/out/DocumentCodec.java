package dev.portcullis.core.port.out;

/**
 * How a kind of document is kept as stored text (Graph JSON, made by the wire-format module):
 * the store keeps text, the services work on the domain.
 */
public interface DocumentCodec<T> {

    String encode(T value);

    /** A stored document was validated when written: a failure here is a server fault. */
    T decode(String stored);
}

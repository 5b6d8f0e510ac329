package dev.portcullis.graphjson;

/**
 * How a kind of document is kept as stored text, its Graph JSON: what the persistence adapter
 * writes and reads, so the services only ever see values.
 */
public interface DocumentCodec<T> {

    String encode(T value);

    /** A stored document was validated when written: a failure here is a server fault. */
    T decode(String stored);
}

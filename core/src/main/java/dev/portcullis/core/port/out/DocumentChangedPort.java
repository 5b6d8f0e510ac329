package dev.portcullis.core.port.out;

/** Told of every change made here: for the metrics, and to wake the nodes waiting for the next snapshot now. */
public interface DocumentChangedPort {

    /** @param activity {@code create}, {@code update} or {@code delete} */
    void changed(DocumentKind kind, String activity);
}

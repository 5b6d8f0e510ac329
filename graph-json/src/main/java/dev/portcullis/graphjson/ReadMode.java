package dev.portcullis.graphjson;

/** What to do with parts of an Entra policy that Portcullis cannot enforce. */
public enum ReadMode {
    /** Accept them, report each as a warning, and evaluate fail-secure. */
    LENIENT,
    /** Reject them as errors. */
    STRICT
}

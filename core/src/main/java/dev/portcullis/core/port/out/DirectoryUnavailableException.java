package dev.portcullis.core.port.out;

/** The directory could not be read (down, refusing the service account): callers must fail secure. */
public class DirectoryUnavailableException extends RuntimeException {

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.portcullis.core.port.in;

import dev.portcullis.core.validation.ValidationProblem;
import java.util.List;

/** What a change of a document did: every outcome a caller must handle, never an exception. */
public sealed interface DocumentResult<T> {

    /** @param warnings the parts accepted but never enforced: said, never silently dropped */
    record Written<T>(Versioned<T> document, boolean created, List<ValidationProblem> warnings)
            implements DocumentResult<T> {}

    record Deleted<T>() implements DocumentResult<T> {}

    /** Nothing was stored: every problem with its field path. */
    record Invalid<T>(List<ValidationProblem> errors) implements DocumentResult<T> {}

    /** A valid change the lockout guard refuses; forcing it makes it anyway (and the audit log says so). */
    record Refused<T>(List<String> reasons) implements DocumentResult<T> {}

    /** @param what the document, as a person names it ("policy 'x'") */
    record NotFound<T>(String what) implements DocumentResult<T> {}

    record BuiltIn<T>(String detail) implements DocumentResult<T> {}

    record AlreadyExists<T>(String detail) implements DocumentResult<T> {}

    /** Other documents still name it: it stays. */
    record InUse<T>(String detail) implements DocumentResult<T> {}

    /** Concurrent writers kept winning: send it again. */
    record Busy<T>(String detail) implements DocumentResult<T> {}

    /** A change must name the version it replaces, so a concurrent change is never overwritten. */
    record VersionRequired<T>() implements DocumentResult<T> {}

    /** Someone else changed it first: nothing was written. */
    record Stale<T>(long currentVersion) implements DocumentResult<T> {}
}

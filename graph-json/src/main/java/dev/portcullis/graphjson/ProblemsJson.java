package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.validation.ValidationProblem;
import java.util.List;

/** Validation problems as answers carry them: objects of {@code path} and {@code message}. */
public final class ProblemsJson {

    private ProblemsJson() {}

    /** Parts of a request read but not enforced are said in the answer, never silently dropped. */
    public static ObjectNode withWarnings(ObjectNode answer, List<ValidationProblem> warnings) {
        if (!warnings.isEmpty()) {
            write(answer.putArray("@portcullis.warnings"), warnings);
        }
        return answer;
    }

    static void write(ArrayNode array, List<ValidationProblem> problems) {
        problems.forEach(p -> array.addObject().put("path", p.path()).put("message", p.message()));
    }
}

package dev.portcullis.core.port.out;

import java.util.function.Supplier;

/**
 * Writes of documents that name each other (policies, named locations, strengths, an import of
 * them all) take turns: checking references and writing must not interleave with deleting what
 * they name, or a policy could name a deleted location and break every snapshot after it.
 */
public interface ReferenceTurns {

    <R> R inTurn(Supplier<R> write);
}

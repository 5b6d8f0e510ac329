package dev.portcullis.core.service;

import dev.portcullis.core.port.in.ReferenceTurns;
import java.util.function.Supplier;

/**
 * Turns taken in this process: enough for one control plane. Replicas sharing one database need
 * the database to serialise these writes, which this lock does not do.
 */
public final class InProcessReferenceTurns implements ReferenceTurns {

    private final Object lock = new Object();

    @Override
    public <R> R inTurn(Supplier<R> write) {
        synchronized (lock) {
            return write.get();
        }
    }
}

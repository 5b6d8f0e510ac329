package dev.portcullis.core.service;

import dev.portcullis.core.port.out.ReferenceTurns;
import java.util.function.Supplier;

/**
 * Turns taken in this process, for the services' unit tests. The control plane takes its turns in
 * the database (the persistence adapter's DatabaseReferenceTurns), which holds across replicas.
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

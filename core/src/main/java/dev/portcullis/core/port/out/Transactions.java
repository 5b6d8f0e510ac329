package dev.portcullis.core.port.out;

import java.util.function.Supplier;

/**
 * Writes that belong together commit together or not at all: a document, its audit entry and its
 * mark in the fact feed. One transaction is also cheaper than three: a device sync makes one
 * round of commit work in the database, not one per write.
 */
public interface Transactions {

    /**
     * Runs the work in one transaction (the one under way, if any). An exception rolls back all it
     * wrote and is passed on.
     */
    <R> R inOne(Supplier<R> work);
}

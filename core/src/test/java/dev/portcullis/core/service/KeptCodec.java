package dev.portcullis.core.service;

import dev.portcullis.core.port.out.DocumentCodec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in encoding: the stored text is a key to the value kept here (the service tests are about rules, not JSON). */
final class KeptCodec<T> implements DocumentCodec<T> {
    private final Map<String, T> values = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    @Override
    public String encode(T value) {
        String key = "kept-" + next.incrementAndGet();
        values.put(key, value);
        return key;
    }

    @Override
    public T decode(String stored) {
        return values.get(stored);
    }
}

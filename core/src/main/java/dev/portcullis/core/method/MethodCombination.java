package dev.portcullis.core.method;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Methods that together satisfy a strength, for example password + TOTP. */
public record MethodCombination(Set<AuthenticationMethod> methods) {

    public MethodCombination {
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("a combination needs at least one method");
        }
        methods = Set.copyOf(methods);
    }

    public static MethodCombination of(AuthenticationMethod first, AuthenticationMethod... rest) {
        return new MethodCombination(EnumSet.of(first, rest));
    }

    public boolean isSatisfiedBy(Set<AuthenticationMethod> used) {
        return used.containsAll(methods);
    }

    /** Graph-style text, for example {@code password,totp}. */
    @Override
    public String toString() {
        return methods.stream().sorted().map(AuthenticationMethod::graphName).collect(Collectors.joining(","));
    }
}

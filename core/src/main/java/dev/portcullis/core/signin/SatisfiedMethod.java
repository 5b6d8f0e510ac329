package dev.portcullis.core.signin;

import dev.portcullis.core.method.AuthenticationMethod;
import java.time.Instant;

/** A method the user completed in this session, and when: the facts sign-in frequency is judged on. */
public record SatisfiedMethod(AuthenticationMethod method, Instant at) {}

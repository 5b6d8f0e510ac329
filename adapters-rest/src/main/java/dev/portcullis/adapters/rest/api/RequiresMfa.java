package dev.portcullis.adapters.rest.api;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A change to what the control plane enforces or records. A person's token must come from a sign-in
 * that proved MFA ({@code mfa} in its RFC 8176 {@code amr} claim), so a phished password alone cannot
 * switch a policy off; an application's token is admitted by its application role instead
 * ({@link MfaForChanges}). Readers and What-If are unaffected.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresMfa {}

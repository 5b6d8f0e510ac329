package dev.portcullis.core.port.in;

import dev.portcullis.core.method.AuthenticationStrength;

/** Authentication strengths: Graph's built-in ones (read-only) and custom ones; one a policy still requires is not deleted. */
public interface ManageAuthenticationStrengths extends ManageDocuments<AuthenticationStrength> {}

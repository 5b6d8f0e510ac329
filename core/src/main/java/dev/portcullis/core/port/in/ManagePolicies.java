package dev.portcullis.core.port.in;

import dev.portcullis.core.policy.ConditionalAccessPolicy;

/** Conditional Access policies, each checked against the named locations and strengths stored with it, and changes that would lock administrators out refused unless forced. */
public interface ManagePolicies extends ManageDocuments<ConditionalAccessPolicy> {}

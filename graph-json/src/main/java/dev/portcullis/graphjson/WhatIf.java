package dev.portcullis.graphjson;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.signin.SignIn;
import java.util.List;
import java.util.Optional;

/**
 * A What-If question: the sign-in to try, whether to list only the policies that apply, and
 * draft policies / named locations to evaluate instead of the stored ones, and one policy being
 * edited ({@code draftPolicy}) to evaluate with the stored ones in place of its stored version.
 */
public record WhatIf(SignIn signIn, boolean appliedPoliciesOnly, Optional<List<ConditionalAccessPolicy>> policies,
        Optional<List<NamedLocation>> namedLocations, Optional<ConditionalAccessPolicy> draftPolicy) {}

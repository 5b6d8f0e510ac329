package dev.portcullis.core.securitydefaults;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.ClientAppTypesCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.RiskCondition;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.RiskLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What Security Defaults does, as ordinary enabled policies the evaluator runs like any other, so
 * the sign-in log names them. As in Entra they exclude nobody, break-glass accounts included.
 * <ol>
 *   <li>legacy authentication (Exchange ActiveSync and other clients that cannot do MFA) is blocked;</li>
 *   <li>administrators always do MFA;</li>
 *   <li>every user registers a method that can do MFA at the next sign-in ("More information required");</li>
 *   <li>a user is prompted for MFA when it is necessary: Entra decides that itself; here it is a sign-in
 *       risk of medium or high.</li>
 * </ol>
 */
public final class SecurityDefaultsPolicies {

    /** Every such policy's id starts so; no stored policy may take one. */
    public static final String ID_PREFIX = "security-defaults-";
    public static final String NAME_PREFIX = "Security defaults: ";
    /** Why a stored policy cannot take such an id. */
    public static final String RESERVED_ID = "ids starting with '" + ID_PREFIX
            + "' name Security Defaults' own policies: leave the id out to get a new one";

    public static final String BLOCK_LEGACY_AUTHENTICATION = ID_PREFIX + "block-legacy-authentication";
    public static final String MFA_FOR_ADMINISTRATORS = ID_PREFIX + "mfa-for-administrators";
    public static final String MFA_REGISTRATION = ID_PREFIX + "mfa-registration";
    public static final String MFA_WHEN_NECESSARY = ID_PREFIX + "mfa-when-necessary";

    private SecurityDefaultsPolicies() {}

    public static boolean isReserved(String policyId) {
        return policyId.startsWith(ID_PREFIX);
    }

    /** @param adminRoleIds the roles that make a user an administrator; none leaves out the administrators' policy */
    public static List<ConditionalAccessPolicy> policies(Set<String> adminRoleIds) {
        UsersCondition everyone = new UsersCondition(Set.of(UsersCondition.ALL), Set.of(), Set.of(), Set.of(), Set.of(),
                Set.of());
        List<ConditionalAccessPolicy> policies = new ArrayList<>(4);
        policies.add(enabled(BLOCK_LEGACY_AUTHENTICATION, "block legacy authentication",
                Conditions.of(everyone, ApplicationsCondition.all()).withClientAppTypes(
                        ClientAppTypesCondition.of(ClientAppType.EXCHANGE_ACTIVE_SYNC, ClientAppType.OTHER)),
                GrantControls.block()));
        if (!adminRoleIds.isEmpty()) {
            policies.add(enabled(MFA_FOR_ADMINISTRATORS, "require MFA for administrators",
                    Conditions.of(new UsersCondition(Set.of(), Set.of(), Set.of(), Set.of(), adminRoleIds, Set.of()),
                            ApplicationsCondition.all()),
                    GrantControls.require(GrantOperator.OR, BuiltInControl.MFA)));
        }
        policies.add(enabled(MFA_REGISTRATION, "every user registers for MFA",
                Conditions.of(everyone, ApplicationsCondition.all()),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA_REGISTRATION)));
        policies.add(enabled(MFA_WHEN_NECESSARY, "require MFA when necessary (medium or high sign-in risk)",
                Conditions.of(everyone, ApplicationsCondition.all()).withSignInRisk(
                        new RiskCondition(RiskCondition.Kind.SIGN_IN, Set.of(RiskLevel.MEDIUM, RiskLevel.HIGH))),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA)));
        return List.copyOf(policies);
    }

    private static ConditionalAccessPolicy enabled(String id, String what, Conditions conditions, GrantControls grant) {
        return new ConditionalAccessPolicy(id, NAME_PREFIX + what, PolicyState.ENABLED, conditions, grant,
                SessionControls.none());
    }
}

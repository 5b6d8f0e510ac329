package dev.portcullis.core.signinlog;

import dev.portcullis.core.RecordComponents;
import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.evaluation.Evaluation;
import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One line of the sign-in log: what was decided, and every policy's outcome, including report-only
 * ones. Holds no secrets and no one-time codes.
 *
 * @param target a client id, or a user action such as {@code urn:user:registersecurityinfo}
 * @param deviceDetail the reported platform, and the proven device with its compliance then
 * @param decisionDetails block reasons, or the strengths / methods a prompt or registration asked for
 * @param riskReasons the risk rules that fired, each as {@code rule: detail}
 * @param passwordChangedAt when the user last changed their password, as the node knew it (resets user risk)
 * @param correlationId Graph's correlationId: shared by the records of one login (its reloads and step-ups),
 *     shown to a blocked user beside the record's id (the request id) to quote to support
 */
public record SignInRecord(
        String id,
        Instant time,
        String realm,
        String userId,
        String target,
        ClientAppType clientAppType,
        Optional<String> ipAddress,
        Optional<String> country,
        DeviceDetail deviceDetail,
        RiskLevel signInRisk,
        String decision,
        List<String> decisionDetails,
        List<PolicyOutcome> policyOutcomes,
        List<String> riskReasons,
        Optional<Instant> passwordChangedAt,
        Optional<String> correlationId) {

    public SignInRecord {
        RecordComponents.requireNonNull("id time deviceDetail passwordChangedAt correlationId",
                id, time, deviceDetail, passwordChangedAt, correlationId);
        decisionDetails = List.copyOf(decisionDetails);
        policyOutcomes = List.copyOf(policyOutcomes);
        riskReasons = List.copyOf(riskReasons);
    }

    /** A record without a correlation id (a token request, a push report: no login to correlate with). */
    public SignInRecord(String id, Instant time, String realm, String userId, String target,
            ClientAppType clientAppType, Optional<String> ipAddress, Optional<String> country,
            Optional<DevicePlatform> platform, RiskLevel signInRisk, String decision, List<String> decisionDetails,
            List<PolicyOutcome> policyOutcomes, List<String> riskReasons, Optional<Instant> passwordChangedAt) {
        this(id, time, realm, userId, target, clientAppType, ipAddress, country, DeviceDetail.unproven(platform), signInRisk,
                decision, decisionDetails, policyOutcomes, riskReasons, passwordChangedAt, Optional.empty());
    }

    /** A record without risk reasons (no risk rules ran). */
    public SignInRecord(String id, Instant time, String realm, String userId, String target,
            ClientAppType clientAppType, Optional<String> ipAddress, Optional<String> country,
            Optional<DevicePlatform> platform, RiskLevel signInRisk, String decision, List<String> decisionDetails,
            List<PolicyOutcome> policyOutcomes) {
        this(id, time, realm, userId, target, clientAppType, ipAddress, country, DeviceDetail.unproven(platform), signInRisk,
                decision, decisionDetails, policyOutcomes, List.of(), Optional.empty(), Optional.empty());
    }

    /** The platform the browser reported. */
    public Optional<DevicePlatform> platform() {
        return deviceDetail.operatingSystem();
    }

    public static SignInRecord of(String id, String realm, SignIn signIn, Evaluation evaluation) {
        return of(id, realm, signIn, evaluation, List.of());
    }

    public static SignInRecord of(String id, String realm, SignIn signIn, Evaluation evaluation, RiskAssessment risk) {
        return of(id, realm, signIn, evaluation,
                risk.firedRules().stream().map(r -> r.rule() + ": " + r.detail()).toList());
    }

    private static SignInRecord of(String id, String realm, SignIn signIn, Evaluation evaluation, List<String> riskReasons) {
        String target = signIn.target() instanceof Target.Application app
                ? app.clientId()
                : ((Target.UserAction) signIn.target()).action();
        return new SignInRecord(id, signIn.time(), realm, signIn.user().id(), target, signIn.clientAppType(),
                signIn.ipAddress().map(Object::toString), signIn.country(), DeviceDetail.of(signIn), signIn.signInRisk(),
                evaluation.decision().result(), details(evaluation.decision()), evaluation.policyOutcomes(), riskReasons,
                signIn.passwordChangedAt(), Optional.empty());
    }

    /** The same record, its details also saying what this request tried and was refused. */
    public SignInRecord refusing(List<String> refusals) {
        SignInRecord record = this;
        for (String refusal : refusals) {
            record = record.withDecisionDetail("refused: " + refusal);
        }
        return record;
    }

    /** The same record with one more detail, e.g. what a node refused because of the decision. */
    public SignInRecord withDecisionDetail(String detail) {
        List<String> more = new java.util.ArrayList<>(decisionDetails);
        more.add(detail);
        return new SignInRecord(id, time, realm, userId, target, clientAppType, ipAddress, country, deviceDetail, signInRisk,
                decision, more, policyOutcomes, riskReasons, passwordChangedAt, correlationId);
    }

    /** The same record, correlated with the other records of its login. */
    public SignInRecord withCorrelationId(String correlation) {
        return new SignInRecord(id, time, realm, userId, target, clientAppType, ipAddress, country, deviceDetail, signInRisk,
                decision, decisionDetails, policyOutcomes, riskReasons, passwordChangedAt, Optional.of(correlation));
    }

    static List<String> details(Decision decision) {
        if (decision instanceof Decision.Block block) {
            return block.reasons().stream().map(r -> r.policyName() + ": " + r.message()).toList();
        }
        if (decision instanceof Decision.RequireControls require) {
            List<String> details = new java.util.ArrayList<>(
                    require.strengths().stream().map(s -> "requires " + s.displayName()).toList());
            if (!require.passwordChangePolicyIds().isEmpty()) {
                details.add("requires a password change");
            }
            return details;
        }
        if (decision instanceof Decision.RegistrationRequired registration) {
            return registration.registrations().stream()
                    .map(r -> "must register a method for " + r.strength().displayName()).toList();
        }
        return List.of();
    }
}

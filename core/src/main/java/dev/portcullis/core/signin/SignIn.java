package dev.portcullis.core.signin;

import dev.portcullis.core.RecordComponents;
import dev.portcullis.core.location.IpAddress;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.registration.RegistrationState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the evaluator may look at for one sign-in. Immutable, and the only source of time:
 * policies never read the clock.
 *
 * @param time when this sign-in started; methods satisfied at or after it count as "this sign-in"
 * @param country ISO 3166-1 alpha-2, empty when the address maps to no known country
 * @param platform empty when the user agent names no known platform
 * @param passwordChangedAt when the user last changed their password (satisfies {@code passwordChange})
 * @param transferMethod how the sign-in was handed over from another device; {@code NONE} for most
 * @param workloadIdentity the client signing in as itself (Keycloak's client-credentials grant): a
 *     workload identity, which policies target through {@code clientApplications}, never through users
 */
public record SignIn(
        UserIdentity user,
        Target target,
        ClientAppType clientAppType,
        Optional<IpAddress> ipAddress,
        Optional<String> country,
        Optional<DevicePlatform> platform,
        DeviceState device,
        RiskLevel signInRisk,
        RiskLevel userRisk,
        Instant time,
        List<SatisfiedMethod> satisfiedMethods,
        RegistrationState registration,
        Optional<Instant> passwordChangedAt,
        TransferMethod transferMethod,
        Optional<String> workloadIdentity) {

    public SignIn {
        RecordComponents.requireNonNull("user target clientAppType device signInRisk userRisk time registration"
                + " passwordChangedAt transferMethod workloadIdentity",
                user, target, clientAppType, device, signInRisk, userRisk, time, registration, passwordChangedAt,
                transferMethod, workloadIdentity);
        if (clientAppType == ClientAppType.ALL) {
            throw new IllegalArgumentException("a sign-in has one concrete client app type, not 'all'");
        }
        satisfiedMethods = List.copyOf(satisfiedMethods);
    }

    /** Methods that count under a maximum age (empty: only those of this sign-in). */
    public Set<AuthenticationMethod> methodsSatisfiedSince(Instant notBefore) {
        Set<AuthenticationMethod> methods = EnumSet.noneOf(AuthenticationMethod.class);
        for (SatisfiedMethod satisfied : satisfiedMethods) {
            if (!satisfied.at().isBefore(notBefore)) {
                methods.add(satisfied.method());
            }
        }
        return methods;
    }

    public Set<AuthenticationMethod> methodsSatisfied() {
        Set<AuthenticationMethod> methods = EnumSet.noneOf(AuthenticationMethod.class);
        satisfiedMethods.forEach(m -> methods.add(m.method()));
        return methods;
    }

    public SignIn withTarget(Target newTarget) {
        return toBuilder().target(newTarget).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.user = user;
        b.target = target;
        b.clientAppType = clientAppType;
        b.ipAddress = ipAddress;
        b.country = country;
        b.platform = platform;
        b.device = device;
        b.signInRisk = signInRisk;
        b.userRisk = userRisk;
        b.time = time;
        b.satisfiedMethods = new ArrayList<>(satisfiedMethods);
        b.registration = registration;
        b.passwordChangedAt = passwordChangedAt;
        b.transferMethod = transferMethod;
        b.workloadIdentity = workloadIdentity;
        return b;
    }

    public static Builder builder(String userId, Instant time) {
        Builder b = new Builder();
        b.user = UserIdentity.member(userId, Set.of(), Set.of());
        b.time = time;
        return b;
    }

    /** Defaults: a browser sign-in to no particular app, nothing known about place or device. */
    public static final class Builder {
        private UserIdentity user;
        private Target target = Target.application("unknown-client");
        private ClientAppType clientAppType = ClientAppType.BROWSER;
        private Optional<IpAddress> ipAddress = Optional.empty();
        private Optional<String> country = Optional.empty();
        private Optional<DevicePlatform> platform = Optional.empty();
        private DeviceState device = DeviceState.UNKNOWN;
        private RiskLevel signInRisk = RiskLevel.UNKNOWN;
        private RiskLevel userRisk = RiskLevel.UNKNOWN;
        private Instant time;
        private List<SatisfiedMethod> satisfiedMethods = new ArrayList<>();
        private RegistrationState registration = RegistrationState.of(AuthenticationMethod.PASSWORD);
        private Optional<Instant> passwordChangedAt = Optional.empty();
        private TransferMethod transferMethod = TransferMethod.NONE;
        private Optional<String> workloadIdentity = Optional.empty();

        public Builder user(UserIdentity value) {
            user = value;
            return this;
        }

        public Builder groups(String... groupIds) {
            user = new UserIdentity(user.id(), Set.of(groupIds), user.roleIds(), user.guest());
            return this;
        }

        public Builder roles(String... roleIds) {
            user = new UserIdentity(user.id(), user.groupIds(), Set.of(roleIds), user.guest());
            return this;
        }

        public Builder guest(boolean guest) {
            user = new UserIdentity(user.id(), user.groupIds(), user.roleIds(), guest);
            return this;
        }

        public Builder target(Target value) {
            target = value;
            return this;
        }

        public Builder application(String clientId) {
            return target(Target.application(clientId));
        }

        public Builder clientAppType(ClientAppType value) {
            clientAppType = value;
            return this;
        }

        public Builder ipAddress(String literal) {
            ipAddress = Optional.of(IpAddress.parse(literal)
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + literal)));
            return this;
        }

        public Builder ipAddress(Optional<IpAddress> value) {
            ipAddress = value;
            return this;
        }

        public Builder country(String value) {
            country = Optional.ofNullable(value);
            return this;
        }

        public Builder platform(DevicePlatform value) {
            platform = Optional.ofNullable(value);
            return this;
        }

        public Builder device(DeviceState value) {
            device = value;
            return this;
        }

        public Builder signInRisk(RiskLevel value) {
            signInRisk = value;
            return this;
        }

        public Builder userRisk(RiskLevel value) {
            userRisk = value;
            return this;
        }

        public Builder time(Instant value) {
            time = value;
            return this;
        }

        public Builder satisfied(AuthenticationMethod method, Instant at) {
            satisfiedMethods.add(new SatisfiedMethod(method, at));
            return this;
        }

        public Builder satisfiedMethods(List<SatisfiedMethod> value) {
            satisfiedMethods = new ArrayList<>(value);
            return this;
        }

        public Builder registered(AuthenticationMethod... methods) {
            registration = RegistrationState.of(methods);
            return this;
        }

        public Builder registration(RegistrationState value) {
            registration = value;
            return this;
        }

        public Builder passwordChangedAt(Instant value) {
            passwordChangedAt = Optional.ofNullable(value);
            return this;
        }

        /** The device code flow: this sign-in approves a device (Keycloak's device authorization grant). */
        public Builder transferMethod(TransferMethod value) {
            transferMethod = value;
            return this;
        }

        /** A client signing in as itself (client-credentials grant); the user is its service account. */
        public Builder workloadIdentity(String clientId) {
            workloadIdentity = Optional.ofNullable(clientId);
            return this;
        }

        public SignIn build() {
            return new SignIn(user, target, clientAppType, ipAddress, country, platform, device, signInRisk, userRisk,
                    time, satisfiedMethods, registration, passwordChangedAt, transferMethod, workloadIdentity);
        }
    }
}

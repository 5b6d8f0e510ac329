package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.policy.SignInFrequency;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A policy's {@code sessionControls}: sign-in frequency, which Portcullis enforces, and the other
 * controls, kept as written and not enforced, with a warning each.
 */
final class SessionControlsJson {

    /** Session controls Portcullis keeps as written and does not enforce. */
    private static final List<String> KEPT_SESSION_CONTROLS = List.of("applicationEnforcedRestrictions",
            "cloudAppSecurity", "persistentBrowser", "continuousAccessEvaluation", "disableResilienceDefaults",
            "secureSignInSession", "globalSecureAccessFilteringProfile", "networkAccessSecurity");
    private static final Set<String> FREQUENCY_FIELDS = Set.of("value", "type", "authenticationType",
            "frequencyInterval", "isEnabled");

    private SessionControlsJson() {}

    static SessionControls read(JsonReader s) {
        Set<String> known = new HashSet<>(KEPT_SESSION_CONTROLS);
        known.add("signInFrequency");
        s.onlyKnownFields(known);
        Map<String, String> kept = new LinkedHashMap<>();
        for (String field : KEPT_SESSION_CONTROLS) {
            if (s.configured(field)) {
                boolean gsa = field.equals("globalSecureAccessFilteringProfile") || field.equals("networkAccessSecurity");
                s.problems().unenforceable(s.path(field), gsa
                        ? "Global Secure Access session control: kept as written, not enforced by Portcullis"
                        : "session control kept as written, not enforced by Portcullis");
                kept.put(field, s.rawWithoutAnnotations(field));
            }
        }
        return new SessionControls(frequency(s), kept);
    }

    private static Optional<SignInFrequency> frequency(JsonReader s) {
        Optional<JsonReader> frequency = s.object("signInFrequency");
        if (frequency.isEmpty()) {
            return Optional.empty();
        }
        JsonReader f = frequency.get();
        f.onlyKnownFields(FREQUENCY_FIELDS);
        if (f.bool("isEnabled").map(enabled -> !enabled).orElse(false)) {
            return Optional.empty();
        }
        Optional<String> interval = f.string("frequencyInterval");
        if (interval.isPresent() && interval.get().equalsIgnoreCase("everyTime")) {
            return Optional.of(SignInFrequency.everyTime());
        }
        if (interval.isPresent() && !interval.get().equalsIgnoreCase("timeBased")) {
            f.problems().error(f.path("frequencyInterval"), "unknown value '" + interval.get()
                    + "'; allowed: timeBased, everyTime");
            return Optional.empty();
        }
        Optional<Long> value = f.integer("value");
        Optional<String> type = f.string("type");
        if (value.isEmpty() || value.get() <= 0) {
            f.problems().error(f.path("value"), "a positive number of hours or days is required");
            return Optional.empty();
        }
        Duration duration;
        if (type.isPresent() && type.get().equalsIgnoreCase("hours")) {
            duration = Duration.ofHours(value.get());
        } else if (type.isPresent() && type.get().equalsIgnoreCase("days")) {
            duration = Duration.ofDays(value.get());
        } else {
            f.problems().error(f.path("type"), "required: hours or days");
            return Optional.empty();
        }
        return Optional.of(SignInFrequency.of(duration));
    }

    /** Writes the controls; none configured is {@code null}, as Graph writes it. */
    static void write(ObjectNode policy, SessionControls controls) {
        if (!controls.configured()) {
            policy.putNull("sessionControls");
            return;
        }
        ObjectNode session = policy.putObject("sessionControls");
        controls.notEnforced().forEach((name, json) -> session.set(name, JsonText.shared().tree(json)));
        controls.signInFrequency().ifPresent(frequency -> {
            ObjectNode f = session.putObject("signInFrequency");
            f.put("isEnabled", true);
            f.put("authenticationType", "primaryAndSecondaryAuthentication");
            if (frequency.isEveryTime()) {
                f.put("frequencyInterval", "everyTime");
                f.putNull("value");
                f.putNull("type");
            } else {
                Duration age = frequency.maxAge().get();
                f.put("frequencyInterval", "timeBased");
                boolean days = age.toHours() % 24 == 0;
                f.put("value", days ? age.toDays() : age.toHours());
                f.put("type", days ? "days" : "hours");
            }
        });
    }
}

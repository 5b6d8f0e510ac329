package dev.portcullis.adapters.keycloak.push;

import java.time.Duration;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Push approval's server options, {@code --spi-authenticator--portcullis-push--<option>}: declared
 * once here, read by the authenticator, the enrolment and the companion's API alike.
 *
 * @param timeout how long a push waits for its answer
 * @param maxPushes at most this many pushes per user ...
 * @param window ... in this window; beyond it, pushes pause for {@code coolDown}
 * @param mute how long pushes stay off for a user who denied and reported a sign-in
 * @param enrolment how long an enrolment QR code stays valid
 */
public record PushSettings(Duration timeout, int maxPushes, Duration window, Duration coolDown, Duration mute,
        Duration enrolment) {

    public static PushSettings defaults() {
        return new PushSettings(Duration.ofSeconds(60), 5, Duration.ofMinutes(10), Duration.ofMinutes(15),
                Duration.ofHours(1), Duration.ofMinutes(5));
    }

    /** The options of the authenticator's scope; a missing one keeps its default. */
    public static PushSettings from(Config.Scope scope) {
        PushSettings d = defaults();
        if (scope == null) {
            return d;
        }
        return new PushSettings(seconds(scope, "timeoutSeconds", d.timeout()),
                Math.max(1, scope.getInt("maxPushes", d.maxPushes())),
                seconds(scope, "windowSeconds", d.window()), seconds(scope, "coolDownSeconds", d.coolDown()),
                seconds(scope, "muteSeconds", d.mute()), seconds(scope, "enrolmentSeconds", d.enrolment()));
    }

    public static PushSettings fromServerConfig() {
        return from(Config.scope("authenticator", PushAuthenticatorFactory.PROVIDER_ID));
    }

    private static Duration seconds(Config.Scope scope, String name, Duration fallback) {
        return Duration.ofSeconds(Math.max(1, scope.getLong(name, fallback.toSeconds())));
    }

    static List<ProviderConfigProperty> metadata() {
        PushSettings d = defaults();
        return ProviderConfigurationBuilder.create()
                .property().name("timeout-seconds").type("int").defaultValue(d.timeout().toSeconds())
                .helpText("How long a push waits for the user's answer on the phone.").add()
                .property().name("max-pushes").type("int").defaultValue(d.maxPushes())
                .helpText("At most this many pushes per user in window-seconds; then pushes pause for cool-down-seconds.")
                .add()
                .property().name("window-seconds").type("int").defaultValue(d.window().toSeconds())
                .helpText("The window of the push rate limit.").add()
                .property().name("cool-down-seconds").type("int").defaultValue(d.coolDown().toSeconds())
                .helpText("How long pushes pause for a user who reached the rate limit.").add()
                .property().name("mute-seconds").type("int").defaultValue(d.mute().toSeconds())
                .helpText("How long pushes stay off for a user who denied a sign-in and reported it.").add()
                .property().name("enrolment-seconds").type("int").defaultValue(d.enrolment().toSeconds())
                .helpText("How long an enrolment QR code (and the code typed instead) stays valid.").add()
                .build();
    }
}

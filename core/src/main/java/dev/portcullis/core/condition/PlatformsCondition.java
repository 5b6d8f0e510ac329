package dev.portcullis.core.condition;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.SignIn;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Device platforms, from the user agent. As in Entra, an unknown platform is covered by
 * {@code all} but by no named platform, so "all except X" catches unknown platforms.
 */
public record PlatformsCondition(Set<DevicePlatform> includePlatforms, Set<DevicePlatform> excludePlatforms)
        implements Condition {

    private static final ConditionResult EXCLUDED = ConditionResult.notMatched("the device platform is excluded");
    private static final ConditionResult NOT_INCLUDED = ConditionResult.notMatched("the device platform is not included");
    private static final ConditionResult UNKNOWN_NOT_INCLUDED =
            ConditionResult.notMatched("the device platform is unknown, and only 'all' includes unknown platforms");

    public PlatformsCondition {
        includePlatforms = OrderedIds.copyOf(includePlatforms);
        excludePlatforms = OrderedIds.copyOf(excludePlatforms);
    }

    @Override
    public String name() {
        return "platforms";
    }

    @Override
    public ConditionResult evaluate(SignIn signIn, Map<String, NamedLocation> namedLocations) {
        Optional<DevicePlatform> platform = signIn.platform();
        if (excludePlatforms.contains(DevicePlatform.ALL)
                || platform.map(excludePlatforms::contains).orElse(false)) {
            return EXCLUDED;
        }
        if (includePlatforms.contains(DevicePlatform.ALL)
                || platform.map(includePlatforms::contains).orElse(false)) {
            return ConditionResult.MATCHED;
        }
        return platform.isEmpty() ? UNKNOWN_NOT_INCLUDED : NOT_INCLUDED;
    }

}

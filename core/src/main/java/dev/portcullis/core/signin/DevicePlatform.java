package dev.portcullis.core.signin;

import dev.portcullis.core.policy.GraphNamed;

/** Device platforms as Graph names them; {@code all} is only meaningful in a condition. */
public enum DevicePlatform implements GraphNamed {
    ALL("all"),
    ANDROID("android"),
    IOS("iOS"),
    WINDOWS("windows"),
    WINDOWS_PHONE("windowsPhone"),
    MACOS("macOS"),
    LINUX("linux");

    private final String graphName;

    DevicePlatform(String graphName) {
        this.graphName = graphName;
    }

    @Override
    public String graphName() {
        return graphName;
    }
}

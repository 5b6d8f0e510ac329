package dev.portcullis.core.policy;

/** Whether a policy is enforced, only reported on ("dark mode"), or off. */
public enum PolicyState implements GraphNamed {
    ENABLED("enabled"),
    DISABLED("disabled"),
    /** Report-only: evaluated and recorded, never changes what the user experiences. */
    REPORT_ONLY("enabledForReportingButNotEnforced");

    private final String graphName;

    PolicyState(String graphName) {
        this.graphName = graphName;
    }

    @Override
    public String graphName() {
        return graphName;
    }
}

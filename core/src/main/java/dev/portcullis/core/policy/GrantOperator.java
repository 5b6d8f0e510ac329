package dev.portcullis.core.policy;

/** How the grant controls of one policy combine. */
public enum GrantOperator implements GraphNamed {
    AND("AND"),
    OR("OR");

    private final String graphName;

    GrantOperator(String graphName) {
        this.graphName = graphName;
    }

    @Override
    public String graphName() {
        return graphName;
    }
}

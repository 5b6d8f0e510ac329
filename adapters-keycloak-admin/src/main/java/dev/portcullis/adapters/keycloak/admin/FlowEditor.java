package dev.portcullis.adapters.keycloak.admin;

import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;

/** A realm's authentication flows as the console edits them: create, copy, add a step or sub-flow, set a requirement. */
final class FlowEditor {

    private final AuthenticationManagementResource flows;

    FlowEditor(AuthenticationManagementResource flows) {
        this.flows = flows;
    }

    boolean exists(String alias) {
        return flows.getFlows().stream().anyMatch(f -> f.getAlias().equals(alias));
    }

    /** An empty top-level flow. */
    void create(String alias) {
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias(alias);
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        flow.setDescription("Conditional Access with Portcullis");
        flows.createFlow(flow).close();
    }

    /** A copy of one of Keycloak's own flows, to add steps to. */
    void copy(String from, String alias) {
        flows.copy(from, Map.of("newName", alias)).close();
    }

    void subFlow(String parent, String alias) {
        flows.addExecutionFlow(parent, Map.of("alias", alias, "type", "basic-flow", "provider",
                "registration-page-form", "description", alias));
    }

    void execution(String flow, String provider) {
        flows.addExecution(flow, Map.of("provider", provider));
    }

    List<AuthenticationExecutionInfoRepresentation> executions(String flow) {
        return flows.getExecutions(flow);
    }

    void require(String flow, AuthenticationExecutionInfoRepresentation execution, String requirement) {
        execution.setRequirement(requirement);
        flows.updateExecutions(flow, execution);
    }
}

package dev.portcullis.adapters.keycloak.authenticator;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One run of the Conditional Access step, as a Java Flight Recorder event: what Portcullis added to
 * a login, timed where it happens. Free while no recording runs; with one
 * ({@code jcmd <keycloak pid> JFR.start}), every step's duration and decision is in it. No user
 * data: the realm, the decision and whether the step only verified an earlier one.
 */
@Name("dev.portcullis.ConditionalAccessStep")
@Label("Conditional Access step")
@Category({"Portcullis"})
@Description("The Conditional Access step of a Keycloak login: building the sign-in, evaluating, acting on it")
@StackTrace(false)
final class ConditionalAccessStepEvent extends Event {

    @Label("Realm")
    String realm;

    @Label("Decision")
    @Description("allow, block, requireControls or registrationRequired; 'unchanged' when a second pass had nothing to verify")
    String decision;
}

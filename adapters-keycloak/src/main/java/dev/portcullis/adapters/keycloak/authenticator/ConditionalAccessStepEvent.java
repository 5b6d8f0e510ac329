package dev.portcullis.adapters.keycloak.authenticator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One run of the Conditional Access step, as a Java Flight Recorder event: what Portcullis added to
 * a login, timed where it happens. Free while no recording runs; with one
 * ({@code jcmd <keycloak pid> JFR.start}), every step's duration, the CPU its thread used (the
 * duration also counts time spent waiting for a core) and the decision are in it. No user data.
 */
@Name("dev.portcullis.ConditionalAccessStep")
@Label("Conditional Access step")
@Category({"Portcullis"})
@Description("The Conditional Access step of a Keycloak login: building the sign-in, evaluating, acting on it")
@StackTrace(false)
final class ConditionalAccessStepEvent extends Event {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Label("Realm")
    String realm;

    @Label("Decision")
    @Description("allow, block, requireControls or registrationRequired; 'unchanged' when a second pass had nothing to verify")
    String decision;

    @Label("CPU time")
    @Description("CPU time of the login's thread during the step")
    @Timespan(Timespan.NANOSECONDS)
    long cpuTime;

    private long cpuAtBegin;

    /** Starts timing; reads the thread's CPU clock only while a recording wants this event. */
    void start() {
        if (isEnabled()) {
            cpuAtBegin = THREADS.getCurrentThreadCpuTime();
        }
        begin();
    }

    void finish() {
        if (isEnabled()) {
            cpuTime = THREADS.getCurrentThreadCpuTime() - cpuAtBegin;
        }
        commit();
    }
}

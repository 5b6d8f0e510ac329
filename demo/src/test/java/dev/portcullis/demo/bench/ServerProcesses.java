package dev.portcullis.demo.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The Keycloak and control-plane JVMs the benchmark started (found among this JVM's descendants):
 * their CPU time, and a Flight Recorder profile of Keycloak taken with {@code jcmd}.
 */
record ServerProcesses(ProcessHandle keycloak, ProcessHandle controlPlane) {

    private static final String RECORDING = "portcullis-login-benchmark";

    static ServerProcesses find(Path controlPlaneJar) {
        List<ProcessHandle> javas = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).toList();
        ProcessHandle keycloak = javas.stream().filter(p -> hasArgument(p, "-Dkc.home.dir")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Keycloak JVM among " + javas));
        ProcessHandle controlPlane = javas.stream().filter(p -> hasArgument(p, controlPlaneJar.toString())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no control-plane JVM among " + javas));
        return new ServerProcesses(keycloak, controlPlane);
    }

    private static boolean hasArgument(ProcessHandle process, String prefix) {
        return process.info().arguments().map(a -> Arrays.stream(a).anyMatch(s -> s.startsWith(prefix))).orElse(false);
    }

    long keycloakCpuNanos() {
        return cpu(keycloak);
    }

    long controlPlaneCpuNanos() {
        return cpu(controlPlane);
    }

    private static long cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("no CPU time for process " + process.pid()));
    }

    /** JFR's "profile" settings on both servers: a Java stack sample of running threads every 10 ms (about 1–2 % overhead). */
    void startRecording() throws IOException, InterruptedException {
        jcmd(keycloak, "JFR.start", "name=" + RECORDING, "settings=profile");
        jcmd(controlPlane, "JFR.start", "name=" + RECORDING, "settings=profile");
    }

    void stopRecording(Path keycloakFile, Path controlPlaneFile) throws IOException, InterruptedException {
        jcmd(keycloak, "JFR.stop", "name=" + RECORDING, "filename=" + keycloakFile.toAbsolutePath());
        jcmd(controlPlane, "JFR.stop", "name=" + RECORDING, "filename=" + controlPlaneFile.toAbsolutePath());
    }

    private static void jcmd(ProcessHandle target, String... command) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        String[] line = new String[command.length + 2];
        line[0] = jcmd;
        line[1] = Long.toString(target.pid());
        System.arraycopy(command, 0, line, 2, command.length);
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", line) + " failed (is this a JDK with jcmd?): " + output);
        }
    }
}

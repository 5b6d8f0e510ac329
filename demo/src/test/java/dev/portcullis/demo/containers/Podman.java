package dev.portcullis.demo.containers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The podman command line as the container tests drive it, with the repository's containers.conf. */
final class Podman {

    private Podman() {}

    /** Runs podman and returns its output; a non-zero exit is an {@link IOException} carrying it. */
    static String podman(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (System.getenv("CONTAINERS_CONF") == null) {
            builder.environment().put("CONTAINERS_CONF", Path.of("../containers/containers.conf").toAbsolutePath()
                    .normalize().toString());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    /** Removes the containers (with their anonymous volumes), then the network and named volumes, whichever exist. */
    static void remove(List<String> containers, String network, List<String> volumes) throws InterruptedException {
        List<String[]> commands = new ArrayList<>();
        List<String> rm = new ArrayList<>(List.of("rm", "-f", "-v"));
        rm.addAll(containers);
        commands.add(rm.toArray(String[]::new));
        commands.add(new String[] {"network", "rm", "-f", network});
        for (String volume : volumes) {
            commands.add(new String[] {"volume", "rm", "-f", volume});
        }
        for (String[] args : commands) {
            try {
                podman(args);
            } catch (IOException ignored) {
                // nothing to remove
            }
        }
    }
}

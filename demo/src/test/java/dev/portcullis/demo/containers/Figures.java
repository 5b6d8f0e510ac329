package dev.portcullis.demo.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a container test measured, a line each: written to a file under {@code target/} and printed at the end. */
final class Figures {

    private final Path report;
    private final List<String> lines = new ArrayList<>();

    Figures(String fileName) {
        this.report = Path.of("target", fileName);
    }

    void add(String line) {
        lines.add(line);
    }

    void write() throws IOException {
        Files.writeString(report, String.join("\n", lines) + "\n");
        System.out.println("== " + report.toAbsolutePath() + "\n" + String.join("\n", lines));
    }
}

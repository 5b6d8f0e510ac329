package dev.portcullis.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's page names every module main.js imports as a modulepreload, so that the browser
 * fetches them all at once instead of discovering them import by import (one round trip per level).
 */
class ConsoleModulesTest {

    private static final Path CONSOLE = Path.of("src/main/resources/META-INF/resources/console");

    @Test
    void everyModuleIsPreloaded() throws IOException {
        List<String> modules;
        try (Stream<Path> files = Files.list(CONSOLE.resolve("js"))) {
            modules = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".js") && !name.equals("main.js") && !name.equals("theme.js")).sorted().toList();
        }
        String page = Files.readString(CONSOLE.resolve("index.html"));
        List<String> preloaded = Pattern.compile("<link rel=\"modulepreload\" href=\"\\$\\{console.assets}/js/([^\"]+)\">").matcher(page).results()
                .map(m -> m.group(1)).sorted().toList();
        assertThat(modules).as("the console's modules").isNotEmpty();
        assertThat(preloaded).isEqualTo(modules);
    }
}

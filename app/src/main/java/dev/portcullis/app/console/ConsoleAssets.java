package dev.portcullis.app.console;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * The console's scripts, styles and fonts live under {@code /console/assets-{build time}/}
 * (app/pom.xml), and a build never changes what it serves there: browsers keep them for good, and the
 * page, re-validated on every load, names the folder of the build that serves it. Only what is there
 * is kept: a 404 (the page of a newer replica asking an older one during an upgrade) must not be, or
 * the console would stay blank in that browser for a year.
 */
@ApplicationScoped
public class ConsoleAssets {

    static final String KEPT_FOR_GOOD = "public, max-age=31536000, immutable";
    private static final Pattern ASSETS = Pattern.compile("/console/assets-[0-9]+/.+");

    void keepThemForGood(@Observes Filters filters) {
        filters.register(context -> {
            if (ASSETS.matcher(context.normalizedPath()).matches()) {
                context.addHeadersEndHandler(ended -> context.response().headers().set(HttpHeaders.CACHE_CONTROL,
                        context.response().getStatusCode() == 200 ? KEPT_FOR_GOOD : "no-store"));
            }
            context.next();
        }, 100);
    }
}

package dev.portcullis.app.console;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code /console}, as people type it, leads to the console at {@code /console/}: its pages load
 * their scripts and styles relative to that address. The redirect is relative, so it also holds
 * behind a proxy that serves the control plane under a path of its own.
 */
@ApplicationScoped
public class ConsoleAddress {

    void redirectToTheSlash(@Observes Router router) {
        // A regular expression is matched whole: a plain path route would take /console/ too, and loop.
        router.getWithRegex("/console").handler(context -> context.response().setStatusCode(308)
                .putHeader("Location", "console/").end());
    }
}

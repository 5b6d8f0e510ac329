package dev.portcullis.core.notice;

import java.util.Objects;

/** One plain-text e-mail to one person. */
public record Notice(String to, String subject, String text) {
    public Notice {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
    }
}

package dev.portcullis.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The demo's client secrets, made once at random and kept in a file only the owner can read, so a
 * re-run uses the same ones and no secret is ever printed or put on a command line.
 */
record Secrets(String node, String directory, String automation, String mdm, String provisioner) {

    static Secrets load(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
        }
        boolean changed = false;
        for (String key : new String[] {"node-client-secret", "directory-client-secret", "automation-client-secret",
                "mdm-client-secret", "provisioner-client-secret"}) {
            if (properties.getProperty(key, "").isEmpty()) {
                properties.setProperty(key, random());
                changed = true;
            }
        }
        if (changed) {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                properties.store(out, "Portcullis demo client secrets (made at random; delete to make new ones)");
            }
        }
        return new Secrets(properties.getProperty("node-client-secret"), properties.getProperty("directory-client-secret"),
                properties.getProperty("automation-client-secret"), properties.getProperty("mdm-client-secret"),
                properties.getProperty("provisioner-client-secret"));
    }

    private static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "Secrets[hidden]";
    }
}

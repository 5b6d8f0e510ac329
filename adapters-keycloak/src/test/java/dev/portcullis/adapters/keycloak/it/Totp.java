package dev.portcullis.adapters.keycloak.it;

import java.nio.ByteBuffer;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 codes (HMAC-SHA1, 6 digits, 30 s), as an authenticator app computes them. */
public final class Totp {

    private Totp() {}

    /**
     * One authenticator's codes as a person types them into Keycloak, which takes each code once: a
     * second code within the same 30-second step waits for the next step.
     */
    public static final class Unused {

        private final byte[] key;
        private String last = "";

        public Unused(byte[] key) {
            this.key = key.clone();
        }

        public String next() throws Exception {
            String code = code(key, Instant.now());
            while (code.equals(last)) {
                Thread.sleep(1000);
                code = code(key, Instant.now());
            }
            last = code;
            return code;
        }
    }

    public static String code(byte[] key, Instant at) throws Exception {
        long counter = at.getEpochSecond() / 30;
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
        int offset = hash[hash.length - 1] & 0xF;
        int binary = ((hash[offset] & 0x7F) << 24) | ((hash[offset + 1] & 0xFF) << 16)
                | ((hash[offset + 2] & 0xFF) << 8) | (hash[offset + 3] & 0xFF);
        return String.format("%06d", binary % 1_000_000);
    }

    /** Keycloak shows the secret in base32 (with spaces) on its manual set-up page. */
    public static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String clean = text.replace(" ", "").replace("=", "").toUpperCase();
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        long buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >>> (bits - 8)));
                bits -= 8;
            }
        }
        return java.util.Arrays.copyOf(out.array(), out.position());
    }
}

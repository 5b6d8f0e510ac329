package dev.portcullis.graphjson.envelope;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;

/**
 * The one elliptic curve snapshots are signed on (ES256: NIST P-256), and the part of PKCS#8 the JDK
 * leaves out. An EC private key file (RFC 5915 inside PKCS#8) may carry its public key; openssl writes
 * it, the JDK neither writes nor reads it, and has no way to compute it. So the control plane reads the
 * public key from the file, and writes files that carry it.
 */
final class P256 {

    static final ECParameterSpec PARAMETERS = parameters();
    private static final int FIELD_BYTES = 32;
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final byte[] P256_OID = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};

    private P256() {}

    static boolean isP256(ECKey key) {
        ECParameterSpec params = key.getParams();
        return params.getCurve().equals(PARAMETERS.getCurve()) && params.getOrder().equals(PARAMETERS.getOrder())
                && params.getGenerator().equals(PARAMETERS.getGenerator());
    }

    /** The public key an RFC 5915 key carries in its optional field [1]; what to do when it is absent. */
    static ECPublicKey publicKeyIn(byte[] pkcs8) {
        Der.Reader info = new Der.Reader(pkcs8).sequence();
        info.next(0x02); // version
        info.next(0x30); // algorithm
        Der.Reader key = new Der.Reader(info.next(0x04)).sequence();
        key.next(0x02); // version
        key.next(0x04); // the private scalar
        while (key.hasMore()) {
            int tag = key.peekTag();
            byte[] field = key.next(tag);
            if (tag == 0xa1) {
                byte[] bits = new Der.Reader(field).next(0x03);
                return point(Arrays.copyOfRange(bits, 1, bits.length)); // the first byte counts unused bits
            }
        }
        throw new IllegalArgumentException("the EC private key does not carry its public key: write it with"
                + " 'openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256', which includes it");
    }

    /** PKCS#8 of the pair, the public key included, as openssl writes it. */
    static byte[] pkcs8(ECPrivateKey privateKey, ECPublicKey publicKey) {
        byte[] ecPrivateKey = Der.sequence(Der.tlv(0x02, new byte[] {1}), Der.tlv(0x04, unsigned(privateKey.getS())),
                Der.tlv(0xa1, Der.tlv(0x03, concat(new byte[] {0}, uncompressed(publicKey.getW())))));
        return Der.sequence(Der.tlv(0x02, new byte[] {0}), Der.sequence(EC_PUBLIC_KEY_OID, P256_OID),
                Der.tlv(0x04, ecPrivateKey));
    }

    private static ECPublicKey point(byte[] uncompressed) {
        if (uncompressed.length != 1 + 2 * FIELD_BYTES || uncompressed[0] != 0x04) {
            throw new IllegalArgumentException("the EC private key carries a public key that is not an uncompressed P-256 point");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 1 + FIELD_BYTES));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1 + FIELD_BYTES, uncompressed.length));
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), PARAMETERS));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the EC private key carries a public key that is not on P-256", e);
        }
    }

    private static byte[] uncompressed(ECPoint w) {
        return concat(new byte[] {0x04}, concat(unsigned(w.getAffineX()), unsigned(w.getAffineY())));
    }

    /** A coordinate or scalar as exactly 32 big-endian bytes. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[FIELD_BYTES];
        int length = Math.min(bytes.length, FIELD_BYTES);
        System.arraycopy(bytes, bytes.length - length, fixed, FIELD_BYTES - length, length);
        return fixed;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static ECParameterSpec parameters() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is always available in the JDK", e);
        }
    }

    /** Just enough DER (X.690) for the structures above: definite lengths, one-byte tags. */
    static final class Der {

        private Der() {}

        static byte[] sequence(byte[]... fields) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            for (byte[] field : fields) {
                content.writeBytes(field);
            }
            return tlv(0x30, content.toByteArray());
        }

        static byte[] tlv(int tag, byte[] value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            int length = value.length;
            if (length < 0x80) {
                out.write(length);
            } else if (length < 0x100) {
                out.write(0x81);
                out.write(length);
            } else {
                out.write(0x82);
                out.write(length >> 8);
                out.write(length & 0xff);
            }
            out.writeBytes(value);
            return out.toByteArray();
        }

        static final class Reader {
            private final byte[] der;
            private int at;

            Reader(byte[] der) {
                this.der = der;
            }

            boolean hasMore() {
                return at < der.length;
            }

            int peekTag() {
                require(at < der.length);
                return der[at] & 0xff;
            }

            /** The content of the next field, which must have this tag. */
            byte[] next(int tag) {
                require(peekTag() == tag && at + 1 < der.length);
                at++;
                int length = der[at++] & 0xff;
                if (length >= 0x80) {
                    int bytes = length & 0x7f;
                    require(bytes >= 1 && bytes <= 2 && at + bytes <= der.length);
                    length = 0;
                    for (int i = 0; i < bytes; i++) {
                        length = (length << 8) | (der[at++] & 0xff);
                    }
                }
                require(at + length <= der.length);
                byte[] content = Arrays.copyOfRange(der, at, at + length);
                at += length;
                return content;
            }

            Reader sequence() {
                return new Reader(next(0x30));
            }

            private static void require(boolean wellFormed) {
                if (!wellFormed) {
                    throw new IllegalArgumentException("the PRIVATE KEY block is not well-formed DER");
                }
            }
        }
    }
}

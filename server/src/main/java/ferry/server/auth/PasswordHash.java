package ferry.server.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted, slow password hash as users.txt stores it: {@code $pbkdf2-sha256$i=600000$SALT$HASH}, salt and hash in
 * unpadded Base64. PBKDF2-HMAC-SHA256 with OWASP's 2023 iteration count; the format names the algorithm and its
 * parameters, so they can be raised later while old lines keep verifying. Immutable and thread-safe.
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {
    public static final String PREFIX = "$pbkdf2-sha256$";
    public static final int ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public PasswordHash {
        if (iterations < 1_000 || iterations > 100_000_000) throw new IllegalArgumentException("iterations out of range: " + iterations);
        if (salt.length < 8 || hash.length != HASH_BYTES) throw new IllegalArgumentException("bad salt or hash length");
    }

    /** A new hash of {@code password} with a fresh random salt. */
    public static PasswordHash of(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(ITERATIONS, salt, derive(password, salt, ITERATIONS));
    }

    /** Parses the users.txt form; an {@link IllegalArgumentException} says what is wrong with it. */
    public static PasswordHash parse(String text) {
        if (!text.startsWith(PREFIX)) throw new IllegalArgumentException("not a " + PREFIX + " hash");
        String[] parts = text.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 3 || !parts[0].startsWith("i=")) {
            throw new IllegalArgumentException("expected " + PREFIX + "i=ITERATIONS$SALT$HASH");
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            return new PasswordHash(Integer.parseInt(parts[0].substring(2)), base64.decode(parts[1]), base64.decode(parts[2]));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new IllegalArgumentException("bad password hash: " + e.getMessage());
        }
    }

    /** Checks {@code password} in time that does not depend on where it differs. */
    public boolean matches(String password) {
        return MessageDigest.isEqual(hash, derive(password.toCharArray(), salt, iterations));
    }

    @Override
    public String toString() {
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "i=" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasswordHash that && iterations == that.iterations
                && Arrays.equals(salt, that.salt) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("every JDK has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}

package ferry.server.auth;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The accounts parsed from users.txt. The format is one {@code name:password} per line; blank lines and lines
 * starting with {@code #} are ignored; the password is everything after the first colon. Immutable and thread-safe.
 */
public final class Users {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** A SHA-256 digest per user, so that checking compares fixed-size values and leaks no length. */
    private final Map<String, byte[]> digests;
    private final byte[] decoy = digest("decoy password for unknown users");

    private Users(Map<String, byte[]> digests) {
        this.digests = Map.copyOf(digests);
    }

    public static Users load(Path file) throws UsersFileException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsersFileException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new UsersFileException(file + ": not valid UTF-8");
        } catch (IOException e) {
            throw new UsersFileException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file.toString(), lines);
    }

    static Users parse(String source, List<String> lines) throws UsersFileException {
        Map<String, byte[]> digests = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            int colon = line.indexOf(':');
            if (colon < 0) throw new UsersFileException(where + "expected name:password");
            String name = line.substring(0, colon);
            String password = line.substring(colon + 1);
            if (!NAME.matcher(name).matches()) {
                throw new UsersFileException(where + "user name must be 1-64 of A-Z a-z 0-9 . _ -");
            }
            if (password.isEmpty()) throw new UsersFileException(where + "user " + name + " has an empty password");
            if (digests.put(name, digest(password)) != null) {
                throw new UsersFileException(where + "user " + name + " is defined twice");
            }
        }
        return new Users(digests);
    }

    /** The user whose name and password these are; an unknown name costs the same work as a wrong password. */
    public Optional<User> authenticate(String name, String password) {
        byte[] expected = digests.get(name);
        boolean match = MessageDigest.isEqual(expected == null ? decoy : expected, digest(password));
        return match && expected != null ? Optional.of(new User(name)) : Optional.empty();
    }

    public int size() {
        return digests.size();
    }

    private static byte[] digest(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

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
 * The accounts parsed from users.txt. One account per line: {@code name [home=DIR] [perm=ro|rw|admin]:password}.
 * Everything after the first colon is the password, a {@link PasswordHash} ({@code $pbkdf2-sha256$...}) or, in
 * older files, plain text; before it come the name and optional settings separated by spaces. Without {@code home=} the home is the whole served folder; without {@code perm=} the user may read
 * and write. Blank lines and lines starting with {@code #} are ignored. Immutable and thread-safe.
 */
public final class Users {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern HOME = Pattern.compile("[A-Za-z0-9._-]{1,255}(/[A-Za-z0-9._-]{1,255}){0,15}");

    /**
     * A user and the password check: a {@link PasswordHash}, or for a plain-text line (older files) a SHA-256 digest,
     * so that even that check compares fixed-size values and leaks no length.
     */
    private record Account(User user, PasswordHash hash, byte[] plainDigest) {
        boolean matches(String password) {
            return hash != null ? hash.matches(password) : MessageDigest.isEqual(plainDigest, digest(password));
        }
    }

    /** What an unknown user's password is checked against: as slow as a real hash, so timing reveals no names. */
    private static final PasswordHash DECOY_HASH = PasswordHash.parse(
            PasswordHash.PREFIX + "i=" + PasswordHash.ITERATIONS + "$ZGVjb3kgc2FsdCAxMjM0NQ$" + "A".repeat(43));

    private final Map<String, Account> accounts;
    private final Account decoy;

    private Users(Map<String, Account> accounts) {
        this.accounts = Map.copyOf(accounts);
        boolean anyHashed = accounts.values().stream().anyMatch(a -> a.hash() != null);
        this.decoy = new Account(new User("-"), anyHashed ? DECOY_HASH : null, anyHashed ? null : digest("decoy"));
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
        Map<String, Account> accounts = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            int colon = line.indexOf(':');
            if (colon < 0) throw new UsersFileException(where + "expected name:password");
            String password = line.substring(colon + 1);
            try {
                User user = user(line.substring(0, colon).strip().split("\\s+"));
                if (password.isEmpty()) throw new IllegalArgumentException("user " + user.name() + " has an empty password");
                Account account = password.startsWith(PasswordHash.PREFIX)
                        ? new Account(user, PasswordHash.parse(password), null)
                        : new Account(user, null, digest(password));
                if (accounts.put(user.name(), account) != null) {
                    throw new IllegalArgumentException("user " + user.name() + " is defined twice");
                }
            } catch (IllegalArgumentException e) {
                throw new UsersFileException(where + e.getMessage());
            }
        }
        return new Users(accounts);
    }

    /** The user from the words before the colon: the name, then home=DIR and perm=ro|rw|admin in any order. */
    private static User user(String[] words) {
        String name = words[0];
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("user name must be 1-64 of A-Z a-z 0-9 . _ -");
        String home = "";
        Permission permission = Permission.READ_WRITE;
        for (int i = 1; i < words.length; i++) {
            String word = words[i];
            if (word.startsWith("home=")) {
                home = word.substring("home=".length());
                if (!HOME.matcher(home).matches() || home.matches("(.*/)?(\\.{1,2}|\\.ferry-upload-.*)(/.*)?")) {
                    throw new IllegalArgumentException("home must be a relative folder like alice or homes/alice, not '" + home + "'");
                }
            } else if (word.startsWith("perm=")) {
                permission = Permission.of(word.substring("perm=".length()));
            } else {
                throw new IllegalArgumentException("unknown setting '" + word + "' (expected home=DIR or perm=ro|rw|admin)");
            }
        }
        return new User(name, permission == Permission.ADMIN ? "" : home, permission);
    }

    /** The user whose name and password these are; an unknown name costs the same work as a wrong password. */
    public Optional<User> authenticate(String name, String password) {
        Account account = accounts.get(name);
        boolean match = (account == null ? decoy : account).matches(password);
        return match && account != null ? Optional.of(account.user()) : Optional.empty();
    }

    /** One line per user, sorted: name, permission, home, and whether the password is hashed. */
    public List<String> describe() {
        return accounts.values().stream().map(a -> "%-16s %-5s %-24s %s".formatted(a.user().name(), a.user().permission().word(),
                a.user().home().isEmpty() ? "/" : a.user().home(), a.hash() != null ? "hashed" : "PLAIN TEXT")).sorted().toList();
    }

    /** The users whose password is still written in plain text, sorted: they should be migrated. */
    public List<String> plainTextUsers() {
        return accounts.values().stream().filter(a -> a.hash() == null).map(a -> a.user().name()).sorted().toList();
    }

    public int size() {
        return accounts.size();
    }

    private static byte[] digest(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

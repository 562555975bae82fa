package ferry.client.repl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed ~/.netrc, the file ftp, curl and lftp read: {@code machine HOST login NAME password PW} entries and one
 * {@code default} entry, as tokens separated by any white space (so an entry may span lines); {@code account} and
 * {@code port} values are skipped, and so is a {@code macdef} macro up to the next empty line. Immutable.
 */
public record Netrc(List<Machine> machines) {
    /** One entry; {@code host} is null for {@code default}, {@code login} or {@code password} null if not given. */
    public record Machine(String host, String login, String password) {
        @Override
        public String toString() {
            return "Machine[host=" + host + ", login=" + login + "]"; // never print the password
        }
    }

    public static final Netrc EMPTY = new Netrc(List.of());

    public Netrc {
        machines = List.copyOf(machines);
    }

    /** The entry for {@code host} (compared ignoring case), else the {@code default} entry. */
    public Optional<Machine> find(String host) {
        return machines.stream().filter(m -> m.host() != null && m.host().equalsIgnoreCase(host)).findFirst()
                .or(() -> machines.stream().filter(m -> m.host() == null).findFirst());
    }

    /** Reads {@code file}; a missing file is empty. {@code warnings} hears if others may read it. */
    public static Netrc read(Path file, java.util.function.Consumer<String> warnings) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return EMPTY;
        }
        if (isReadableByOthers(file)) {
            warnings.accept("warning: " + file + " can be read by other users; protect it with chmod 600 " + file);
        }
        return parse(text);
    }

    private static boolean isReadableByOthers(Path file) throws IOException {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) return false;
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ);
    }

    public static Netrc parse(String text) {
        List<Machine> machines = new ArrayList<>();
        Tokens tokens = new Tokens(text);
        String host = null;
        String login = null;
        String password = null;
        boolean inEntry = false;
        for (String token = tokens.next(); token != null; token = tokens.next()) {
            switch (token) {
                case "machine", "default" -> {
                    if (inEntry) machines.add(new Machine(host, login, password));
                    host = token.equals("machine") ? tokens.next() : null;
                    login = null;
                    password = null;
                    inEntry = true;
                }
                case "login" -> login = tokens.next();
                case "password" -> password = tokens.next();
                case "account", "port" -> tokens.next();
                case "macdef" -> tokens.skipMacro();
                default -> { } // unknown words are ignored, as ftp does
            }
        }
        if (inEntry) machines.add(new Machine(host, login, password));
        return new Netrc(machines);
    }

    /** Splits the file into white-space separated tokens; "double quotes" may hold spaces, as curl allows. */
    private static final class Tokens {
        private final String text;
        private int at;

        Tokens(String text) {
            this.text = text;
        }

        /** The next token, or null at the end. */
        String next() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
            if (at >= text.length()) return null;
            StringBuilder token = new StringBuilder();
            if (text.charAt(at) == '"') {
                for (at++; at < text.length() && text.charAt(at) != '"'; at++) {
                    if (text.charAt(at) == '\\' && at + 1 < text.length()) at++;
                    token.append(text.charAt(at));
                }
                at++;
                return token.toString();
            }
            while (at < text.length() && !Character.isWhitespace(text.charAt(at))) token.append(text.charAt(at++));
            return token.toString();
        }

        /** After {@code macdef}: skips the macro's name line and its body, which ends at an empty line. */
        void skipMacro() {
            int end = text.indexOf("\n\n", at);
            int endCrLf = text.indexOf("\n\r\n", at);
            if (end < 0 || (endCrLf >= 0 && endCrLf < end)) end = endCrLf;
            at = end < 0 ? text.length() : end + 1;
        }
    }
}

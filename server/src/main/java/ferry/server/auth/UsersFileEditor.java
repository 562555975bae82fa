package ferry.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Changes users.txt one account at a time: adds, re-hashes, removes. Comments, blank lines and every other line are
 * kept as they are; the new content is checked by the same parser the server uses, then written to a temporary
 * file beside the old one and moved over it atomically, so a crash never leaves half a file. Not thread-safe: one
 * editor at a time (the server only reads the file).
 */
public final class UsersFileEditor {
    private final Path file;
    private final List<String> lines;

    private UsersFileEditor(Path file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    /** The file's lines; a missing file is an empty one, created by the first {@link #add}. */
    public static UsersFileEditor open(Path file) throws IOException {
        return new UsersFileEditor(file, Files.exists(file)
                ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : new ArrayList<>());
    }

    public void add(String name, String home, Permission permission, PasswordHash hash) throws UsersFileException {
        if (find(name).isPresent()) throw new UsersFileException(file + ": user " + name + " already exists");
        StringBuilder line = new StringBuilder(name);
        if (home != null && !home.isEmpty()) line.append(" home=").append(home);
        if (permission != null) line.append(" perm=").append(permission.word());
        lines.add(line.append(':').append(hash).toString());
    }

    /** Replaces the password of {@code name}, keeping its settings. */
    public void passwd(String name, PasswordHash hash) throws UsersFileException {
        int index = find(name).orElseThrow(() -> new UsersFileException(file + ": no user " + name));
        String line = lines.get(index);
        lines.set(index, line.substring(0, line.indexOf(':') + 1) + hash);
    }

    public void remove(String name) throws UsersFileException {
        int index = find(name).orElseThrow(() -> new UsersFileException(file + ": no user " + name));
        lines.remove(index);
    }

    /** Checks the new content as the server would read it, then replaces the file atomically. */
    public void save() throws IOException, UsersFileException {
        Users.parse(file.toString(), lines);
        Path folder = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(folder, ".users-", ".tmp"); // owner-only, as a password file should be
        try {
            Files.write(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The index of the account line of {@code name}. */
    private Optional<Integer> find(String name) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.indexOf(':') < 0) continue;
            if (line.substring(0, line.indexOf(':')).strip().split("\\s+")[0].equals(name)) return Optional.of(i);
        }
        return Optional.empty();
    }
}

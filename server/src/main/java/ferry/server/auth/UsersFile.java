package ferry.server.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * users.txt as it is now: every login first checks whether the file changed (modification time or size) and, if
 * so, reads it again, so accounts can be edited without a restart; the console's {@code reload} forces it. A file
 * that no longer parses is reported and the accounts read last stay in force. Sessions already logged in keep the
 * user they logged in as. Thread-safe.
 */
public final class UsersFile {
    private static final Logger log = LoggerFactory.getLogger(UsersFile.class);

    private record Snapshot(Users users, Object version) {}

    private final Path file;
    private final ReentrantLock reloading = new ReentrantLock();
    private volatile Snapshot current;

    private UsersFile(Path file, Snapshot current) {
        this.file = file;
        this.current = current;
    }

    public static UsersFile load(Path file) throws UsersFileException {
        Object version = version(file);
        return new UsersFile(file, new Snapshot(Users.load(file), version));
    }

    public Path path() {
        return file;
    }

    /** The current accounts, read again first if the file changed. */
    public Users users() {
        Snapshot snapshot = current;
        if (!Objects.equals(snapshot.version(), version(file))) {
            reload();
        }
        return current.users();
    }

    public Optional<User> authenticate(String name, String password) {
        return users().authenticate(name, password);
    }

    /** Reads the file again; returns a line saying what happened, for the console. */
    public String reload() {
        reloading.lock(); // a ReentrantLock, not synchronized: reading the file must not pin a virtual thread's carrier
        try {
            return reloadLocked();
        } finally {
            reloading.unlock();
        }
    }

    private String reloadLocked() {
        Object version = version(file);
        try {
            Users users = Users.load(file);
            current = new Snapshot(users, version);
            log.info("loaded {} users from {}", users.size(), file);
            warnPlainText(users, file);
            return "loaded " + users.size() + " users from " + file;
        } catch (UsersFileException e) {
            current = new Snapshot(current.users(), version); // do not retry a broken file at every login
            log.error("{}; keeping the {} users loaded before", e.getMessage(), current.users().size());
            return e.getMessage() + "; keeping the " + current.users().size() + " users loaded before";
        }
    }

    /** Logs the users whose passwords are still in plain text: at each reload, and by the server once it started. */
    public void warnPlainText() {
        warnPlainText(current.users(), file);
    }

    private static void warnPlainText(Users users, Path file) {
        if (!users.plainTextUsers().isEmpty()) {
            log.warn("{} holds plain-text passwords for {}; hash them with 'ftpserver user passwd NAME'", file,
                    String.join(", ", users.plainTextUsers()));
        }
    }

    /** What identifies this content of the file: its modification time and size, or null if it cannot be read. */
    private static Object version(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.lastModifiedTime().toMillis() + ":" + attributes.size();
        } catch (IOException e) {
            return null;
        }
    }
}

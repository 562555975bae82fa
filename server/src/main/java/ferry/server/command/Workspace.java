package ferry.server.command;

import ferry.protocol.Text;
import ferry.server.auth.AuditLog;
import ferry.server.auth.User;
import ferry.server.storage.BadPathException;
import ferry.server.storage.Entry;
import ferry.server.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A logged-in user's view of the files: the home folder, the current folder inside it, and what the user may do.
 * Turns a path as the client typed it into a storage path inside the home, and back into what the user sees
 * ({@code ~} is the home). Refused: absolute paths, {@code ..} (only {@code cd ..} goes up, never above the home),
 * NUL, backslash, empty and over-long paths. Used by one session's thread.
 */
public final class Workspace {
    private static final int MAX_INPUT_BYTES = 1024;
    /** What a storage path looks like: names without / \\ NUL, none of them . or .. */
    private static final Pattern STORAGE_PATH = Pattern.compile("(?!\\.{1,2}(/|$))[^/\\\\\\x00]+(/(?!\\.{1,2}(/|$))[^/\\\\\\x00]+)*");

    private final User user;
    private final AuditLog audit;
    private final String address;
    private String current;

    private Workspace(User user, AuditLog audit, String address) {
        this.user = user;
        this.audit = audit;
        this.address = address;
        this.current = user.home();
    }

    /** A workspace whose refused paths are not audited (tests, tools). */
    public static Workspace open(User user, Storage storage) throws IOException {
        return open(user, storage, AuditLog.NONE, "-");
    }

    /**
     * The user's workspace, starting in the home folder, which is created if it does not exist yet; paths it
     * refuses as hostile are written to {@code audit} with the client's {@code address}.
     */
    public static Workspace open(User user, Storage storage, AuditLog audit, String address) throws IOException {
        String folder = "";
        for (String name : user.home().isEmpty() ? new String[0] : user.home().split("/")) {
            folder = folder.isEmpty() ? name : folder + "/" + name;
            try {
                if (!storage.stat(folder).directory()) throw new BadPathException(folder, "home is not a folder");
            } catch (NoSuchFileException missing) {
                try {
                    storage.mkdir(folder); // only what is missing: a mkdir locks, a stat only shares
                } catch (FileAlreadyExistsException createdMeanwhile) {
                    // another session of the same user created it first
                }
            }
        }
        return new Workspace(user, audit, address);
    }

    public User user() {
        return user;
    }

    /** The storage path of what the client typed: relative to the current folder, or to the home with {@code ~/}. */
    public String resolve(String input) throws IOException {
        try {
            return resolveChecked(input);
        } catch (BadPathException | NoSuchFileException refused) {
            audit.record("refused-path", address, user.name(), refused.getReason() == null ? input : refused.getReason() + ": " + input);
            throw refused;
        }
    }

    private String resolveChecked(String input) throws IOException {
        if (input.isEmpty()) throw BadPathException.asTyped(input, "empty path");
        if (input.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
            throw BadPathException.asTyped(Text.cut(input, 32), "path longer than " + MAX_INPUT_BYTES + " bytes");
        }
        if (input.indexOf('\0') >= 0) throw BadPathException.asTyped(Text.printable(input), "NUL in path");
        if (Text.hasControl(input)) throw BadPathException.asTyped(Text.printable(input), "control character in path");
        if (input.indexOf('\\') >= 0) throw BadPathException.asTyped(input, "backslash in path");
        if (input.startsWith("/")) throw BadPathException.asTyped(input, "absolute paths are not allowed (~/ is your home)");
        boolean fromHome = input.equals("~") || input.startsWith("~/");
        List<String> names = new ArrayList<>();
        for (String name : (fromHome ? input.substring(1) : input).split("/")) {
            if (name.equals("..")) throw new NoSuchFileException(input); // as if missing: nothing above is visible
            if (!name.isEmpty() && !name.equals(".")) names.add(name);
        }
        String base = fromHome ? user.home() : current;
        String relative = String.join("/", names);
        return base.isEmpty() ? relative : relative.isEmpty() ? base : base + "/" + relative;
    }

    /**
     * A storage path as the user sees it: {@code ~}, {@code ~/photos/a.jpg}. Anything else, such as a refused path
     * as the client typed it, is returned as is.
     */
    public String display(String path) {
        String home = user.home();
        if (path.equals(home)) return "~";
        if (!STORAGE_PATH.matcher(path).matches()) return path;
        if (home.isEmpty()) return "~/" + path;
        return path.startsWith(home + "/") ? "~" + path.substring(home.length()) : path;
    }

    /** The current folder as the user sees it. */
    public String pwd() {
        return display(current);
    }

    /** Changes the current folder: {@code ..} goes up (never above the home), {@code ~} home, else a folder path. */
    public String cd(String input, Storage storage) throws IOException {
        if (input.equals("..")) {
            if (current.equals(user.home())) throw BadPathException.asTyped("..", "already at the top of your home");
            int slash = current.lastIndexOf('/');
            current = slash < 0 ? "" : current.substring(0, slash);
            return pwd();
        }
        String target = resolve(input);
        Entry entry = storage.stat(target);
        if (!entry.directory()) throw BadPathException.asTyped(input, "is not a folder");
        current = target;
        return pwd();
    }

    /** The current folder's storage path: what to list when the client gives no path. */
    public String current() {
        return current;
    }

    boolean isHome(String path) {
        return path.equals(user.home());
    }

    /** Fails unless the user may change files. */
    public void requireWrite(String input) throws AccessDeniedException {
        if (!user.permission().canWrite()) throw new AccessDeniedException(input, null, "read-only account");
    }
}

package ferry.server.storage;

import ferry.protocol.Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Keeps every storage path inside the root: checks the syntax of a root-relative path, refuses symbolic links on
 * the way and reserved files (the users file, uploads in progress), and rewrites failures so that they name the
 * client's path, never where the root is on the server. Immutable and thread-safe.
 */
final class Confinement {
    static final String UPLOAD_PREFIX = Storage.UPLOAD_PREFIX;
    static final int MAX_PATH_BYTES = 1024;
    static final int MAX_NAME_BYTES = 255;

    private final Path root;
    private final Set<Path> reserved;

    Confinement(Path root, Set<Path> reserved) {
        this.root = root;
        this.reserved = reserved;
    }

    /**
     * The hidden name of {@code owner}'s resumable partial of the file {@code name}: stable, so a later upload finds
     * it; reserved like every upload in progress; and a hash, so it leaks neither name and stays short.
     */
    static String partialName(String owner, String name) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((owner + "\0" + name).getBytes(StandardCharsets.UTF_8));
            return UPLOAD_PREFIX + "resume-" + java.util.HexFormat.of().formatHex(digest, 0, 16) + ".part";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    Path root() {
        return root;
    }

    /**
     * The real file a root-relative path names ("" is the root), after every check. The symbolic-link check and the
     * use of the path are not atomic: only someone with a shell on the server could swap a folder for a link in
     * between, which Ferry does not defend against (openat-style checks would).
     */
    Path resolve(String path) throws IOException {
        if (path.isEmpty()) return root;
        checkSyntax(path);
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || file.equals(root)) throw new NoSuchFileException(path);
        for (Path p = file; !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) throw new NoSuchFileException(path);
        }
        if (isReserved(file)) throw new AccessDeniedException(path, null, "reserved name");
        return file;
    }

    /** Like {@link #resolve} but refuses the root itself, for operations on a file or a subfolder. */
    Path resolveBelowRoot(String path) throws IOException {
        if (path.isEmpty()) throw new BadPathException(path, "the top folder cannot be changed this way");
        return resolve(path);
    }

    /** Fails if a reserved file lies inside {@code folder}: moving or removing it would expose or destroy that file. */
    void checkHoldsNoReserved(Path folder, String path) throws AccessDeniedException {
        for (Path file : reserved) {
            if (file.startsWith(folder)) throw new AccessDeniedException(path, null, "holds a reserved file");
        }
    }

    boolean isReserved(Path file) {
        return file.getFileName().toString().startsWith(UPLOAD_PREFIX) || reserved.contains(file);
    }

    /**
     * The same failure naming the client's path if it named a file on the server's disk (the operating system's
     * failures do), so that no message shows where the root is. Failures that already name a storage path pass.
     */
    static FileSystemException asClientSees(FileSystemException e, String path) {
        if (e.getFile() == null || !e.getFile().startsWith("/")) return e;
        return switch (e) {
            case BadPathException x -> x;
            case BusyException x -> x;
            case NotEnoughSpaceException x -> x;
            case NoSuchFileException x -> new NoSuchFileException(path);
            case AccessDeniedException x -> new AccessDeniedException(path);
            case FileAlreadyExistsException x -> new FileAlreadyExistsException(path);
            case java.nio.file.DirectoryNotEmptyException x -> new java.nio.file.DirectoryNotEmptyException(path);
            default -> new FileSystemException(path, null, e.getReason());
        };
    }

    private static void checkSyntax(String path) throws IOException {
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new BadPathException(Text.cut(path, 32), "path longer than " + MAX_PATH_BYTES + " bytes");
        }
        if (path.indexOf('\0') >= 0) throw new BadPathException(Text.printable(path), "NUL in path");
        if (Text.hasControl(path)) throw new BadPathException(Text.printable(path), "control character in path");
        if (path.indexOf('\\') >= 0) throw new BadPathException(path, "backslash in path");
        if (path.startsWith("/")) throw new BadPathException(path, "absolute paths are not allowed");
        for (String name : path.split("/", -1)) {
            if (name.equals("..")) throw new NoSuchFileException(path);
            if (name.isEmpty() || name.equals(".")) throw new BadPathException(path, "empty or '.' name in path");
            if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw new BadPathException(path, "name longer than " + MAX_NAME_BYTES + " bytes");
            }
        }
    }
}

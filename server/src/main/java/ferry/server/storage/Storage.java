package ferry.server.storage;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The served folder on the local disk. Every client path is checked here and confined to the root: it must be
 * relative, without {@code ..}, NUL or backslash, and no part of it may be a symbolic link. Reserved files (the
 * users file, uploads in progress) can be neither read nor listed nor replaced. Thread-safe.
 */
public final class Storage {
    /** Uploads in progress are hidden files with this prefix beside their target. */
    public static final String UPLOAD_PREFIX = ".ferry-upload-";
    public static final int MAX_PATH_BYTES = 1024;
    public static final int MAX_NAME_BYTES = 255;

    private final Path root;
    private final Set<Path> reserved;
    /** Serializes the check-then-move of uploads that must not replace an existing file. */
    private final ReentrantLock commitLock = new ReentrantLock();

    private Storage(Path root, Set<Path> reserved) {
        this.root = root;
        this.reserved = reserved;
    }

    /** Serves {@code root}, which must be a folder; {@code reserved} files are never reachable, even inside it. */
    public static Storage of(Path root, Set<Path> reserved) throws IOException {
        Path real = root.toRealPath();
        if (!Files.isDirectory(real)) throw new NotDirectoryException(root.toString());
        Set<Path> reservedReal = new HashSet<>();
        for (Path path : reserved) {
            reservedReal.add(Files.exists(path) ? path.toRealPath() : path.toAbsolutePath().normalize());
        }
        return new Storage(real, Set.copyOf(reservedReal));
    }

    public Path root() {
        return root;
    }

    public Download openRead(String path) throws IOException {
        Path file = resolve(path);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            throw asClientSees(e, path);
        }
        try {
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) throw new BadPathException(path, "is a folder");
            return new Download(Channels.newInputStream(channel), channel.size());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Starts an upload of {@code size} bytes to {@code path}; fails now if it could not be committed later. */
    public Upload create(String path, long size, boolean overwrite) throws IOException {
        Path target = resolve(path);
        Path folder = target.getParent();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) throw new NoSuchFileException(parentOf(path));
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) throw new BadPathException(path, "is a folder");
        if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) throw new FileAlreadyExistsException(path);
        long usable = Files.getFileStore(folder).getUsableSpace();
        if (size > usable) throw new NotEnoughSpaceException(path, size, usable);
        Path temp = folder.resolve(UPLOAD_PREFIX + UUID.randomUUID() + ".part");
        try {
            return new Upload(this, temp, target, overwrite);
        } catch (FileSystemException e) {
            throw asClientSees(e, path);
        }
    }

    void commit(Path temp, Path target, boolean overwrite) throws IOException {
        try {
            move(temp, target, overwrite);
        } catch (FileSystemException e) {
            throw asClientSees(e, root.relativize(target).toString());
        }
    }

    private void move(Path temp, Path target, boolean overwrite) throws IOException {
        if (overwrite) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        commitLock.lock();
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) throw new FileAlreadyExistsException(target.toString());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            commitLock.unlock();
        }
    }

    /** The folder's entries sorted by name, without symbolic links and reserved files. */
    public List<Entry> list(String path) throws IOException {
        Path folder = path.isEmpty() ? root : resolve(path);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) throw new BadPathException(path, "is not a folder");
            throw new NoSuchFileException(path);
        }
        try {
            return list(folder);
        } catch (FileSystemException e) {
            throw asClientSees(e, path);
        }
    }

    private List<Entry> list(Path folder) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path child : stream) {
                if (isReserved(child)) continue;
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException vanished) {
                    continue; // deleted while we listed
                }
                if (attributes.isSymbolicLink() || attributes.isOther()) continue;
                entries.add(new Entry(child.getFileName().toString(), attributes.isDirectory(),
                        attributes.isDirectory() ? 0 : attributes.size(), attributes.lastModifiedTime().toInstant()));
            }
        }
        entries.sort(Comparator.comparing(Entry::name));
        return entries;
    }

    /** The real file a client path names, after every check; escaping paths look like missing files. */
    Path resolve(String path) throws IOException {
        checkSyntax(path);
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || file.equals(root)) throw new NoSuchFileException(path);
        for (Path p = file; !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) throw new NoSuchFileException(path);
        }
        if (isReserved(file)) throw new AccessDeniedException(path, null, "reserved name");
        return file;
    }

    /** The same failure naming the client's path, so that no message shows where the root is on the server. */
    private static FileSystemException asClientSees(FileSystemException e, String path) {
        return switch (e) {
            case NoSuchFileException x -> new NoSuchFileException(path);
            case AccessDeniedException x -> new AccessDeniedException(path);
            case FileAlreadyExistsException x -> new FileAlreadyExistsException(path);
            default -> new FileSystemException(path, null, e.getReason());
        };
    }

    private boolean isReserved(Path file) {
        return file.getFileName().toString().startsWith(UPLOAD_PREFIX) || reserved.contains(file);
    }

    private static void checkSyntax(String path) throws IOException {
        if (path.isEmpty()) throw new BadPathException(path, "empty path");
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new BadPathException(path.substring(0, 32) + "...", "path longer than " + MAX_PATH_BYTES + " bytes");
        }
        if (path.indexOf('\0') >= 0) throw new BadPathException(path.replace('\0', '?'), "NUL in path");
        if (path.indexOf('\\') >= 0) throw new BadPathException(path, "backslash in path");
        if (path.startsWith("/")) throw new BadPathException(path, "absolute paths are not allowed");
        for (String name : path.split("/")) {
            if (name.equals("..")) throw new NoSuchFileException(path);
            if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw new BadPathException(path, "name longer than " + MAX_NAME_BYTES + " bytes");
            }
        }
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "." : path.substring(0, slash);
    }
}

package ferry.server.storage;

import ferry.server.storage.PathLocks.Mode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@link Storage} on the local disk, confined to one folder. Thread-safe. */
final class LocalStorage implements Storage {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Confinement confinement;
    private final PathLocks locks;

    private LocalStorage(Confinement confinement, PathLocks locks) {
        this.confinement = confinement;
        this.locks = locks;
    }

    static LocalStorage open(Path root, Set<Path> reserved, Duration lockTimeout) throws IOException {
        Path real = root.toRealPath();
        if (!Files.isDirectory(real)) throw new NotDirectoryException(root.toString());
        Set<Path> reservedReal = new HashSet<>();
        for (Path path : reserved) {
            reservedReal.add(Files.exists(path) ? path.toRealPath() : path.toAbsolutePath().normalize());
        }
        return new LocalStorage(new Confinement(real, Set.copyOf(reservedReal)), new PathLocks(lockTimeout));
    }

    @Override
    public String describe() {
        return confinement.root().toString();
    }

    @Override
    public List<Entry> list(String folder) throws IOException {
        try (var held = locks.acquire(folder, Mode.READ)) {
            Path dir = confinement.resolve(folder);
            if (!Files.isDirectory(dir, NOFOLLOW)) {
                if (Files.exists(dir, NOFOLLOW)) throw new BadPathException(folder, "is not a folder");
                throw new NoSuchFileException(folder);
            }
            return entries(dir);
        } catch (FileSystemException e) {
            throw Confinement.asClientSees(e, folder);
        }
    }

    private List<Entry> entries(Path dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                if (confinement.isReserved(child)) continue;
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(child, BasicFileAttributes.class, NOFOLLOW);
                } catch (NoSuchFileException vanished) {
                    continue; // deleted while we listed
                }
                if (attributes.isSymbolicLink() || attributes.isOther()) continue;
                entries.add(entry(child.getFileName().toString(), attributes));
            }
        }
        entries.sort(Comparator.comparing(Entry::name));
        return entries;
    }

    @Override
    public Entry stat(String path) throws IOException {
        try (var held = locks.acquire(path, Mode.READ)) {
            Path file = confinement.resolve(path);
            String name = path.isEmpty() ? "" : file.getFileName().toString();
            return entry(name, Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW));
        } catch (FileSystemException e) {
            throw Confinement.asClientSees(e, path);
        }
    }

    @Override
    public Download openRead(String path) throws IOException {
        return holding(path, Mode.READ, held -> {
            Path file = confinement.resolveBelowRoot(path);
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
            if (attributes.isDirectory()) throw new BadPathException(path, "is a folder");
            if (!attributes.isRegularFile()) {
                throw new BadPathException(path, "is not a regular file"); // a FIFO would block the open forever
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, NOFOLLOW);
            return new Download(channel, channel.size(), held);
        });
    }

    @Override
    public Upload create(String path, long size, boolean overwrite) throws IOException {
        return holding(path, Mode.REPLACE, held -> {
            Path target = confinement.resolveBelowRoot(path);
            Path folder = target.getParent();
            if (!Files.isDirectory(folder, NOFOLLOW)) throw new NoSuchFileException(parentOf(path));
            if (Files.isDirectory(target, NOFOLLOW)) throw new BadPathException(path, "is a folder");
            if (!overwrite && Files.exists(target, NOFOLLOW)) throw new FileAlreadyExistsException(path);
            requireSpace(folder, size, path);
            return new LocalUpload(tempBeside(target), target, overwrite, held, path);
        });
    }

    @Override
    public PartialUpload openPartial(String path, String owner, long size, boolean overwrite)
            throws IOException {
        return holding(path, Mode.REPLACE, held -> {
            Path target = confinement.resolveBelowRoot(path);
            Path folder = target.getParent();
            if (!Files.isDirectory(folder, NOFOLLOW)) throw new NoSuchFileException(parentOf(path));
            if (Files.isDirectory(target, NOFOLLOW)) throw new BadPathException(path, "is a folder");
            if (!overwrite && Files.exists(target, NOFOLLOW)) throw new FileAlreadyExistsException(path);
            Path partial = folder.resolve(Confinement.partialName(owner, target.getFileName().toString()));
            FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, NOFOLLOW);
            try {
                long offset = channel.size() <= size ? channel.size() : 0;
                requireSpace(folder, size - offset, path);
                channel.truncate(offset); // a fresh start, or a resume, drops whatever lies past the offset
                return new PartialUpload(channel, offset, partial, target, overwrite, held, path);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        });
    }

    @Override
    public Upload openAppend(String path, long offset) throws IOException {
        if (offset < 0 && offset != AT_END) throw new IllegalArgumentException("offset " + offset);
        // A write inside the file needs only REPLACE (readers go on with the old version); decided again under the lock.
        Mode mode = offset != AT_END && offset < sizeOrZero(path) ? Mode.REPLACE : Mode.EXCLUSIVE;
        return holding(path, mode, held -> {
            Path file = confinement.resolveBelowRoot(path);
            if (!Files.isDirectory(file.getParent(), NOFOLLOW)) throw new NoSuchFileException(parentOf(path));
            BasicFileAttributes attributes = null;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
            } catch (NoSuchFileException absent) {
                // created by the append
            }
            if (attributes != null && attributes.isDirectory()) throw new BadPathException(path, "is a folder");
            if (attributes != null && !attributes.isRegularFile()) throw new BadPathException(path, "is not a regular file");
            long size = attributes == null ? 0 : attributes.size();
            long at = offset == AT_END ? size : offset;
            if (at > size) throw beyondTheEnd(path, at);
            if (at < size || mode == Mode.REPLACE) return rewrite(file, at, held, path); // at the end too, if it shrank meanwhile
            FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE, NOFOLLOW);
            long now = channel.size();
            if (now == at) return new InPlaceUpload(channel, file, at, held);
            channel.close(); // changed since we looked: only something outside this server does that
            if (now < at) throw beyondTheEnd(path, at);
            return rewrite(file, at, held, path);
        });
    }

    /** Fails if {@code folder}'s file system has fewer than {@code bytes} usable bytes for the upload to {@code path}. */
    private static void requireSpace(Path folder, long bytes, String path) throws IOException {
        long usable = Files.getFileStore(folder).getUsableSpace();
        if (bytes > usable) throw new NotEnoughSpaceException(path, bytes, usable);
    }

    /** A new hidden temporary file's name beside {@code target}, for an upload renamed over it at the commit. */
    private static Path tempBeside(Path target) {
        return target.resolveSibling(Confinement.UPLOAD_PREFIX + UUID.randomUUID() + ".part");
    }

    private static BadPathException beyondTheEnd(String path, long offset) {
        return new BadPathException(path, "offset " + offset + " is beyond the end of the file");
    }

    /** The file's size, or 0 if it cannot be read now: only a hint, taken without a lock. */
    private long sizeOrZero(String path) {
        try {
            return Files.readAttributes(confinement.resolveBelowRoot(path), BasicFileAttributes.class, NOFOLLOW).size();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * A write from inside a file goes to a new version: its first {@code offset} bytes copied into a temporary file
     * beside it, which replaces it at the commit. Bytes a download sent with sendfile reference the file's pages
     * until its client reads them, so no existing byte of a file is ever changed in place.
     */
    private Upload rewrite(Path file, long offset, PathLocks.Held held, String path) throws IOException {
        requireSpace(file.getParent(), offset, path); // for the copy of the first bytes
        LocalUpload upload = new LocalUpload(tempBeside(file), file, true, held, path);
        if (offset == 0) return upload; // nothing to copy (the file may be gone since we looked)
        try (FileChannel old = FileChannel.open(file, StandardOpenOption.READ, NOFOLLOW)) {
            upload.copyFrom(old, offset);
            return upload;
        } catch (IOException | RuntimeException e) {
            upload.close(); // deletes the temporary file
            throw e;
        }
    }

    /** What opens a file and keeps its lock: the lock passes to the result, or is released if opening fails. */
    @FunctionalInterface
    private interface Opener<T> {
        T open(PathLocks.Held held) throws IOException;
    }

    private <T> T holding(String path, Mode mode, Opener<T> opener) throws IOException {
        PathLocks.Held held = locks.acquire(path, mode);
        try {
            return opener.open(held);
        } catch (FileSystemException e) {
            held.close();
            throw Confinement.asClientSees(e, path);
        } catch (IOException | RuntimeException e) {
            held.close();
            throw e;
        }
    }

    @Override
    public void delete(String path) throws IOException {
        try (var held = locks.acquire(path, Mode.EXCLUSIVE)) {
            Path file = confinement.resolveBelowRoot(path);
            if (Files.isDirectory(file, NOFOLLOW)) throw new BadPathException(path, "is a folder; use rmdir");
            Files.delete(file);
        } catch (FileSystemException e) {
            throw Confinement.asClientSees(e, path);
        }
    }

    @Override
    public void rename(String from, String to) throws IOException {
        if (to.equals(from) || to.startsWith(from + "/")) {
            throw new BadPathException(to, "cannot move " + from + " onto or into itself");
        }
        try (var held = locks.acquire(Map.of(from, Mode.EXCLUSIVE, to, Mode.EXCLUSIVE))) {
            Path source = resolveExisting(from);
            confinement.checkHoldsNoReserved(source, from);
            Path target = confinement.resolveBelowRoot(to);
            if (!Files.isDirectory(target.getParent(), NOFOLLOW)) throw new NoSuchFileException(parentOf(to));
            if (Files.exists(target, NOFOLLOW)) throw new FileAlreadyExistsException(to);
            Files.move(source, target); // no REPLACE_EXISTING: a rename never destroys a file
        } catch (FileSystemException e) {
            throw Confinement.asClientSees(e, e.getFile() != null && e.getFile().endsWith("/" + to) ? to : from);
        }
    }

    @Override
    public void mkdir(String path) throws IOException {
        try (var held = locks.acquire(path, Mode.REPLACE)) { // creating a folder disturbs no reader
            Files.createDirectory(confinement.resolveBelowRoot(path));
        } catch (FileSystemException e) {
            throw Confinement.asClientSees(e, e instanceof NoSuchFileException ? parentOf(path) : path);
        }
    }

    @Override
    public void rmdir(String path, boolean recursive) throws IOException {
        try (var held = locks.acquire(path, Mode.EXCLUSIVE)) {
            Path folder = resolveExisting(path);
            if (!Files.isDirectory(folder, NOFOLLOW)) throw new BadPathException(path, "is not a folder; use delete");
            confinement.checkHoldsNoReserved(folder, path);
            if (recursive) {
                deleteTree(folder);
            } else {
                deleteOrphanedUploads(folder);
                Files.delete(folder); // DirectoryNotEmptyException if it is not empty
            }
        } catch (FileSystemException e) {
            throw Confinement.asClientSees(e, path);
        }
    }

    private Path resolveExisting(String path) throws IOException {
        Path file = confinement.resolveBelowRoot(path);
        if (!Files.exists(file, NOFOLLOW)) throw new NoSuchFileException(path);
        return file;
    }

    /**
     * Deletes the temporary files of uploads that can no longer finish (left by a crash), so that a folder that
     * lists as empty can be removed. Called under the folder's exclusive lock: every upload in progress holds the
     * folder's shared lock, so none is running inside it now.
     */
    private static void deleteOrphanedUploads(Path folder) throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, Confinement.UPLOAD_PREFIX + "*.part")) {
            for (Path orphan : stream) {
                if (Files.isRegularFile(orphan, NOFOLLOW)) Files.delete(orphan);
            }
        }
    }

    /** Deletes a folder and everything in it; symbolic links are deleted, never followed. */
    private static void deleteTree(Path folder) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) throw e;
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static Entry entry(String name, BasicFileAttributes attributes) {
        return new Entry(name, attributes.isDirectory(), attributes.isDirectory() ? 0 : attributes.size(),
                attributes.lastModifiedTime().toInstant());
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "." : path.substring(0, slash);
    }
}

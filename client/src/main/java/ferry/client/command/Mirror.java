package ferry.client.command;

import ferry.client.transfer.Connection;
import ferry.client.transfer.Options;
import ferry.client.transfer.TransferException;
import ferry.protocol.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies a folder tree, folders (empty ones too) and files, between the server and the local disk for
 * {@code get -r} and {@code upload -r}. A file or folder that fails is counted in the {@link Tally} and the rest go
 * on; a lost connection ({@link IOException}) ends it all. Local symbolic links are never followed (they are
 * skipped), names the server sends are checked to stay inside the local folder, and the depth is bounded.
 * Used by one thread.
 */
final class Mirror {
    static final int MAX_DEPTH = 64;

    private final Connection connection;
    private final Options options;
    private final Tally tally;

    Mirror(Connection connection, Options options, Tally tally) {
        this.connection = connection;
        this.options = options;
        this.tally = tally;
    }

    /** The remote folder {@code remote} into the local folder {@code local}, created if missing. */
    void download(String remote, Path local, int depth) throws IOException {
        List<Frame.Entry> entries;
        try {
            if (depth > MAX_DEPTH) throw new TransferException(remote + ": more than " + MAX_DEPTH + " folders deep; not copied");
            if (Files.isSymbolicLink(local)) throw new TransferException(local + " is a symbolic link; not followed");
            entries = connection.list(remote);
            if (!Files.isDirectory(local, LinkOption.NOFOLLOW_LINKS)) Files.createDirectory(local);
        } catch (TransferException e) {
            tally.failed(e.getMessage());
            return;
        } catch (IOException e) {
            if (!(e instanceof java.nio.file.FileSystemException)) throw e; // the connection, not the local disk
            tally.failed("cannot create " + local + ": " + e.getMessage());
            return;
        }
        tally.folder();
        for (Frame.Entry entry : entries) {
            String child = remote.isEmpty() ? entry.name() : remote + "/" + entry.name();
            try {
                Path target = Names.localChild(local, entry.name());
                if (entry.directory()) download(child, target, depth + 1);
                else tally.transferred(connection.get(child, target, options));
            } catch (TransferException e) {
                tally.failed(e.getMessage());
            }
        }
    }

    /** The local folder {@code local} into the remote folder {@code remote}, created if missing. */
    void upload(Path local, String remote, int depth) throws IOException {
        List<Path> children;
        try {
            if (depth > MAX_DEPTH) throw new TransferException(local + ": more than " + MAX_DEPTH + " folders deep; not copied");
            children = children(local);
            mkdirs(remote);
        } catch (TransferException | IllegalArgumentException e) {
            tally.failed(e.getMessage());
            return;
        }
        tally.folder();
        for (Path child : children) {
            String name = child.getFileName().toString();
            String target = remote + "/" + name;
            try {
                BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isDirectory()) upload(child, target, depth + 1);
                else if (attributes.isRegularFile()) tally.transferred(connection.upload(child, target, options));
                else tally.skipped(child + (attributes.isSymbolicLink() ? " is a symbolic link" : " is not a regular file"));
            } catch (TransferException | IllegalArgumentException e) {
                tally.failed(e.getMessage()); // IllegalArgumentException: a name no frame can carry
            } catch (java.nio.file.FileSystemException e) {
                tally.failed("cannot read " + child + ": " + e.getMessage());
            }
        }
    }

    private static List<Path> children(Path folder) throws TransferException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new TransferException("cannot read " + folder + ": " + e.getMessage());
        }
    }

    /** Creates a remote folder; one that already exists is fine, a file in its place is not. */
    private void mkdirs(String remote) throws IOException, TransferException {
        try {
            connection.mkdir(remote);
        } catch (TransferException e) {
            Frame.Info info;
            try {
                info = connection.stat(remote);
            } catch (TransferException missing) {
                throw e;
            }
            if (!info.directory()) throw e;
        }
    }
}

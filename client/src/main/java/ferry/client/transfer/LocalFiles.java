package ferry.client.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The client's side of a download on the local disk: the partial file a download writes to and where it stays for a
 * resume ({@code .NAME.ferry-part} beside the target), the move into place, and local failures as one-line
 * {@link TransferException}s. Stateless.
 */
public final class LocalFiles {
    /** Partial downloads are hidden files named after their target with this suffix. */
    public static final String PARTIAL_SUFFIX = ".ferry-part";

    private LocalFiles() {}

    /** Where a download of {@code local} writes until it is verified: {@code .NAME.ferry-part} beside it. */
    static Path partialOf(Path local) {
        Path absolute = local.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + PARTIAL_SUFFIX);
    }

    static void requireFolder(Path local) throws TransferException {
        Path folder = local.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) throw new TransferException("no such local folder: " + folder);
    }

    static void move(Path temp, Path local, boolean overwrite) throws TransferException {
        try {
            if (overwrite) {
                Files.move(temp, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, local);
            }
        } catch (FileAlreadyExistsException e) {
            throw new TransferException(local + " exists; use -f to overwrite it");
        } catch (IOException e) {
            throw new TransferException("cannot write " + local + ": " + e.getMessage());
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Best effort: the caller is already reporting a failure, and the partial is hidden.
        }
    }

    static InputStream open(Path local) throws TransferException {
        try {
            return Files.newInputStream(local);
        } catch (NoSuchFileException e) {
            throw new TransferException("no such local file: " + local);
        } catch (IOException e) {
            throw new TransferException("cannot read " + local + ": " + e.getMessage());
        }
    }
}

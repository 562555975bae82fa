package ferry.server.storage;

import java.nio.file.FileSystemException;

/** Another client holds the path (a download, an upload, a rename...) past the lock timeout. */
public final class BusyException extends FileSystemException {
    BusyException(String path) {
        super(path, null, "in use by another client; try again");
    }
}

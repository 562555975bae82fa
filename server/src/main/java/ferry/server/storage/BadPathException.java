package ferry.server.storage;

import java.nio.file.FileSystemException;

/** A path that can never name a file here (empty, too long, NUL, backslash, absolute), or names the wrong kind. */
public final class BadPathException extends FileSystemException {
    public BadPathException(String path, String reason) {
        super(path, null, reason);
    }
}

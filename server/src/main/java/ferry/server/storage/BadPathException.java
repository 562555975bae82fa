package ferry.server.storage;

import java.nio.file.FileSystemException;

/**
 * A path that can never name a file here (empty, too long, NUL, backslash, absolute), or names the wrong kind.
 * {@link #isAsTyped()} tells a path exactly as the client typed it from a storage path.
 */
public final class BadPathException extends FileSystemException {
    private final boolean asTyped;

    /** A storage path that is wrong for the operation. */
    public BadPathException(String path, String reason) {
        this(path, reason, false);
    }

    private BadPathException(String path, String reason, boolean asTyped) {
        super(path, null, reason);
        this.asTyped = asTyped;
    }

    /** A path as the client typed it, refused before it became a storage path. */
    public static BadPathException asTyped(String input, String reason) {
        return new BadPathException(input, reason, true);
    }

    public boolean isAsTyped() {
        return asTyped;
    }
}

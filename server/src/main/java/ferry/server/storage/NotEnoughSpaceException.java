package ferry.server.storage;

import java.nio.file.FileSystemException;

/** An upload announced more bytes than the disk has free. */
public final class NotEnoughSpaceException extends FileSystemException {
    NotEnoughSpaceException(String path, long size, long usable) {
        super(path, null, size + " bytes do not fit in the " + usable + " bytes free");
    }
}

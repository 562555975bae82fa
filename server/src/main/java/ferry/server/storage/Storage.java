package ferry.server.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Where the served files live, behind the operations the protocols need. Paths are relative to the served root,
 * {@code /}-separated, without {@code .}, {@code ..} or empty names ("" is the root itself); implementations check
 * them again and keep them inside the root. Every operation takes its paths' locks (see {@link PathLocks}) and fails
 * with {@link BusyException} if another client holds them past the lock timeout. Failures are JDK
 * {@link java.nio.file.FileSystemException}s naming the path as given, plus {@link BadPathException},
 * {@link NotEnoughSpaceException} and {@link BusyException}. Implementations are thread-safe.
 */
public interface Storage {
    /** Uploads in progress on the local disk are hidden files with this prefix beside their target. */
    String UPLOAD_PREFIX = ".ferry-upload-";

    /** The local folder {@code root}; {@code reserved} files are never reachable, even inside it. */
    static Storage of(Path root, Set<Path> reserved) throws IOException {
        return LocalStorage.open(root, reserved, Duration.ofSeconds(5));
    }

    static Storage of(Path root, Set<Path> reserved, Duration lockTimeout) throws IOException {
        return LocalStorage.open(root, reserved, lockTimeout);
    }

    /** Where the files are, for the log. */
    String describe();

    /** The folder's entries sorted by name, without symbolic links and reserved files. */
    List<Entry> list(String folder) throws IOException;

    /** One file's or folder's entry ("" is the root). */
    Entry stat(String path) throws IOException;

    /** Opens a file for reading; the download holds the path's read lock until closed. */
    Download openRead(String file) throws IOException;

    /** Starts an upload of {@code size} bytes; fails now if it could not be committed later. */
    Upload create(String file, long size, boolean overwrite) throws IOException;

    /**
     * Starts a resumable upload of {@code size} bytes into {@code owner}'s hidden partial of {@code file} (one per
     * owner and target, beside it). It continues an existing partial no longer than {@code size}; otherwise, or if
     * there is none, it starts from 0. Fails now if it could not be committed later.
     */
    PartialUpload openPartial(String file, String owner, long size, boolean overwrite) throws IOException;

    /** The offset for {@link #openAppend} that means the file's size when the lock is held: an append. */
    long AT_END = -1;

    /**
     * Writes into a file from {@code offset}, or from its end ({@link #AT_END}, chosen under the lock so that a
     * concurrent upload cannot turn an append into a rewrite). At the file's size (an append, or a resumed upload;
     * a missing file is created) the bytes go into the file in place, under the path's exclusive lock until the
     * upload is committed or closed, and closing without a commit keeps what arrived, so that it can be resumed.
     * Inside the file, the upload writes a new version (the first {@code offset} bytes, then the new ones) that
     * replaces the file only at the commit, as {@link #create} does, while readers go on reading the old one: the
     * bytes of a file are never changed in place, which keeps downloads sent with sendfile intact.
     */
    Upload openAppend(String file, long offset) throws IOException;

    /** Deletes a file (not a folder). */
    void delete(String file) throws IOException;

    /** Renames or moves a file or folder; the target must not exist and its folder must. */
    void rename(String from, String to) throws IOException;

    /** Creates one folder; its parent must exist. */
    void mkdir(String folder) throws IOException;

    /** Removes a folder: an empty one, or with {@code recursive} everything in it. */
    void rmdir(String folder, boolean recursive) throws IOException;
}

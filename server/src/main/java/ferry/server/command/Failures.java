package ferry.server.command;

import ferry.protocol.Frame.Reply;
import ferry.protocol.Status;
import ferry.protocol.Text;
import ferry.server.storage.BadPathException;
import ferry.server.storage.BusyException;
import ferry.server.storage.NotEnoughSpaceException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Turns a storage failure into the reply the client sees: one place decides every status and wording. */
public final class Failures {
    private static final int MAX_MESSAGE = 1000;

    private Failures() {}

    /** The reply for {@code e}, naming its path as {@code workspace}'s user sees it. */
    public static Reply reply(IOException e, Workspace workspace) {
        String file = switch (e) {
            case BadPathException x when x.isAsTyped() -> x.getFile();
            case FileSystemException x when x.getFile() != null -> workspace.display(x.getFile());
            default -> "";
        };
        String reason = e instanceof FileSystemException x && x.getReason() != null ? x.getReason() : "";
        return switch (e) {
            case NoSuchFileException x -> reply(Status.NOT_FOUND, "no such file or folder: " + file);
            case FileAlreadyExistsException x -> reply(Status.ALREADY_EXISTS, file + " already exists");
            case DirectoryNotEmptyException x -> reply(Status.BAD_REQUEST, file + " is not empty; use rmdir -r");
            case AccessDeniedException x -> reply(Status.FORBIDDEN, "permission denied: " + file + (reason.isEmpty() ? "" : " (" + reason + ")"));
            case BadPathException x -> reply(Status.BAD_REQUEST, file.isEmpty() ? reason : file + ": " + reason);
            case BusyException x -> reply(Status.BUSY, file + " is " + reason);
            case NotEnoughSpaceException x -> reply(Status.TOO_LARGE, "no room for " + file + ": " + reason);
            default -> reply(Status.SERVER_ERROR, "server error: " + e.getClass().getSimpleName());
        };
    }

    /**
     * The reply for a failure to write an upload's file or commit it: a storage failure as {@link #reply}; else the
     * system's reason (write(2) and fsync(2) give one such as "No space left on device", without a path).
     */
    public static Reply writeFailure(IOException e, Workspace workspace) {
        if (e instanceof FileSystemException) return reply(e, workspace);
        return reply(Status.SERVER_ERROR, "cannot write the file: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    /** A reply whose message is cut to a readable length (client paths can be long). */
    public static Reply reply(Status status, String message) {
        return new Reply(status, Text.cut(message, MAX_MESSAGE));
    }
}

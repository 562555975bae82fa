package ferry.server.command;

import ferry.protocol.Frame.Reply;
import ferry.protocol.Status;
import ferry.server.storage.BadPathException;
import ferry.server.storage.NotEnoughSpaceException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

/** Turns a storage failure into the reply the client sees: one place decides every status and wording. */
public final class Failures {
    private static final int MAX_MESSAGE = 1000;

    private Failures() {}

    public static Reply reply(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> reply(Status.NOT_FOUND, "no such file or folder: " + x.getFile());
            case FileAlreadyExistsException x -> reply(Status.ALREADY_EXISTS, x.getFile() + " already exists");
            case AccessDeniedException x -> reply(Status.FORBIDDEN, "permission denied: " + x.getFile());
            case BadPathException x -> reply(Status.BAD_REQUEST, x.getFile() + ": " + x.getReason());
            case NotEnoughSpaceException x -> reply(Status.TOO_LARGE, "no room for " + x.getFile() + ": " + x.getReason());
            default -> reply(Status.SERVER_ERROR, "server error: " + e.getClass().getSimpleName());
        };
    }

    /** A reply whose message is cut to a readable length (client paths can be long). */
    public static Reply reply(Status status, String message) {
        return new Reply(status, message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...");
    }
}

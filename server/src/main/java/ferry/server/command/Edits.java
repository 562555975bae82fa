package ferry.server.command;

import ferry.protocol.Frame.Reply;
import ferry.protocol.FrameWriter;
import ferry.protocol.Status;
import ferry.server.storage.BadPathException;
import ferry.server.storage.Storage;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** DELETE, RENAME, MKDIR, RMDIR: each answers one REPLY saying what changed, or why not. Thread-safe. */
public final class Edits {
    private static final Logger log = LoggerFactory.getLogger(Edits.class);

    private final Storage storage;

    public Edits(Storage storage) {
        this.storage = storage;
    }

    /*
     * Each edit takes paths as the workspace reads them (relative, or from the home with ~/), checks the user may
     * write, changes the storage, logs it and returns what changed in the user's words; a failure is thrown. The
     * framed protocol answers with one REPLY (the overloads with a FrameWriter); FTP maps the same to its codes.
     */

    public String delete(Workspace ws, String input) throws IOException {
        ws.requireWrite(input);
        String path = ws.resolve(input);
        storage.delete(path);
        return done(ws, "deleted", path);
    }

    public String rename(Workspace ws, String fromInput, String toInput) throws IOException {
        ws.requireWrite(fromInput);
        String from = ws.resolve(fromInput);
        String to = ws.resolve(toInput);
        if (ws.isHome(from)) throw BadPathException.asTyped(fromInput, "your home folder cannot be renamed");
        storage.rename(from, to);
        log.info("user={} renamed {} to {}", ws.user().name(), from, to);
        return "renamed " + ws.display(from) + " to " + ws.display(to);
    }

    public String mkdir(Workspace ws, String input) throws IOException {
        ws.requireWrite(input);
        String path = ws.resolve(input);
        storage.mkdir(path);
        return done(ws, "created", path);
    }

    public String rmdir(Workspace ws, String input, boolean recursive) throws IOException {
        ws.requireWrite(input);
        String path = ws.resolve(input);
        if (ws.isHome(path)) throw BadPathException.asTyped(input, "your home folder cannot be removed");
        storage.rmdir(path, recursive);
        return done(ws, "removed", path);
    }

    public void delete(Workspace ws, String input, FrameWriter out) throws IOException {
        answer(ws, out, () -> delete(ws, input));
    }

    public void rename(Workspace ws, String fromInput, String toInput, FrameWriter out) throws IOException {
        answer(ws, out, () -> rename(ws, fromInput, toInput));
    }

    public void mkdir(Workspace ws, String input, FrameWriter out) throws IOException {
        answer(ws, out, () -> mkdir(ws, input));
    }

    public void rmdir(Workspace ws, String input, boolean recursive, FrameWriter out) throws IOException {
        answer(ws, out, () -> rmdir(ws, input, recursive));
    }

    private static String done(Workspace ws, String what, String path) {
        log.info("user={} {} {}", ws.user().name(), what, path);
        return what + " " + ws.display(path);
    }

    @FunctionalInterface
    private interface Edit {
        String run() throws IOException;
    }

    private static void answer(Workspace ws, FrameWriter out, Edit edit) throws IOException {
        Reply reply;
        try {
            reply = Failures.reply(Status.OK, edit.run());
        } catch (IOException e) {
            reply = Failures.reply(e, ws);
        }
        out.write(reply);
    }
}

package ferry.server.command;

import ferry.protocol.Chunks;
import ferry.protocol.Frame;
import ferry.protocol.FrameReader;
import ferry.protocol.FrameWriter;
import ferry.protocol.Rate;
import ferry.protocol.Status;
import ferry.server.storage.Download;
import ferry.server.storage.Storage;
import ferry.server.storage.Upload;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET and UPLOAD. A transfer decides before its first chunk: open the file (or reply with an error), then stream.
 * A failure after that closes the connection, except a disk failure during an upload: the chunks still coming are
 * drained (see {@link Chunks#receive}) so the client hears why. Stateless apart from the storage it shares; thread-safe.
 */
public final class Transfers {
    private static final Logger log = LoggerFactory.getLogger(Transfers.class);

    private final Storage storage;

    public Transfers(Storage storage) {
        this.storage = storage;
    }

    /** GET: READY with the size, the chunks, END; or one error REPLY. */
    public void send(Workspace ws, String input, FrameWriter out) throws IOException {
        Download download;
        String path;
        try {
            path = ws.resolve(input);
            download = storage.openRead(path);
        } catch (IOException e) {
            out.write(Failures.reply(e, ws));
            return;
        }
        long start = System.nanoTime();
        try (download) {
            out.write(new Frame.Ready(download.size()));
            Frame.End end = Chunks.send(download.content(), download.size(), out);
            log.info("user={} get {} {}", ws.user().name(), path, Rate.describe(end.size(), System.nanoTime() - start));
        }
    }

    /** UPLOAD: an OK (or an error REPLY), then the client's chunks and END, then a REPLY saying whether it was stored. */
    public void receive(Workspace ws, Frame.Upload request, FrameReader in, FrameWriter out) throws IOException {
        Upload upload;
        String path;
        try {
            ws.requireWrite(request.path());
            path = ws.resolve(request.path());
            upload = storage.create(path, request.size(), request.overwrite());
        } catch (IOException e) {
            out.write(Failures.reply(e, ws));
            return;
        }
        long start = System.nanoTime();
        String user = ws.user().name();
        try (upload) {
            out.write(new Frame.Reply(Status.OK, "send " + request.size() + " bytes"));
            Chunks.Received received = Chunks.receive(in, upload.content(), request.size());
            if (received.writeFailure() != null) {
                log.warn("user={} upload {} failed writing to disk: {}", user, path, received.writeFailure().toString());
                out.write(Failures.reply(received.writeFailure(), ws));
            } else if (!received.verified() || received.size() != request.size()) {
                log.info("user={} upload {} discarded: checksum or size mismatch", user, path);
                out.write(Failures.reply(Status.CHECKSUM_MISMATCH, "%s: got %d bytes (crc32c %08x), expected %d (crc32c %08x); not stored"
                        .formatted(ws.display(path), received.size(), received.crc32c(), request.size(), received.announced().crc32c())));
            } else {
                commit(ws, upload, path, received.size(), start, out);
            }
        }
    }

    private static void commit(Workspace ws, Upload upload, String path, long size, long start, FrameWriter out)
            throws IOException {
        try {
            upload.commit();
        } catch (IOException e) {
            out.write(Failures.reply(e, ws));
            return;
        }
        String rate = Rate.describe(size, System.nanoTime() - start);
        log.info("user={} upload {} {}", ws.user().name(), path, rate);
        out.write(new Frame.Reply(Status.OK, "stored " + ws.display(path) + ": " + rate));
    }
}

package ferry.server.command;

import ferry.protocol.Chunks;
import ferry.protocol.Encoding;
import ferry.protocol.Compression;
import ferry.protocol.Frame;
import ferry.protocol.FrameReader;
import ferry.protocol.FrameWriter;
import ferry.protocol.Rate;
import ferry.protocol.Status;
import ferry.server.storage.BadPathException;
import ferry.server.storage.Download;
import ferry.server.storage.PartialUpload;
import ferry.server.storage.Storage;
import ferry.server.storage.Upload;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.function.LongConsumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET and UPLOAD. A transfer decides before its first chunk: open the file (or reply with an error), then stream.
 * A failure after that closes the connection, except a disk failure during an upload: the chunks still coming are
 * drained (see {@link Chunks#receive}) so the client hears why. A GET may start at an offset (a resumed download)
 * and an UPLOAD with {@code resume} continues the user's partial of an earlier, cut upload; either way END carries
 * the whole file's size and CRC32C, so the resumed file is verified end to end. Compression is the server's choice
 * ({@link Compression}). Stateless apart from the storage it shares; thread-safe.
 */
public final class Transfers {
    private static final Logger log = LoggerFactory.getLogger(Transfers.class);
    private static final LongConsumer QUIET = bytes -> {};

    private final Storage storage;

    public Transfers(Storage storage) {
        this.storage = storage;
    }

    /** GET: READY with the size and encoding, the chunks from the offset on, END over the whole file; or one error REPLY. */
    public void send(Workspace ws, Frame.Get request, FrameWriter out) throws IOException {
        Download download;
        String path;
        try {
            path = ws.resolve(request.path());
            download = storage.openRead(path);
        } catch (IOException e) {
            out.write(Failures.reply(e, ws));
            return;
        }
        long start = System.nanoTime();
        try (download) {
            long offset = request.offset();
            if (offset > download.size()) {
                out.write(Failures.reply(new BadPathException(path, "offset %d is beyond the end of the file (%d bytes)"
                        .formatted(offset, download.size())), ws));
                return;
            }
            // The part the client already has counts in END's whole-file checksum; then the rest is streamed.
            FileChannel file = download.channel();
            CRC32C crc = Chunks.crcOf(file, offset);
            Encoding encoding = request.compress() ? choose(path, file, offset) : Encoding.NONE;
            out.write(new Frame.Ready(download.size(), encoding));
            long length = download.size() - offset;
            Frame.End end = encoding == Encoding.NONE
                    ? Chunks.send(file, offset, length, out, crc, QUIET)
                    : Chunks.send(Channels.newInputStream(file.position(offset)), length, out, encoding, crc, offset, QUIET);
            if (log.isInfoEnabled()) { // formatting the rate costs more than serving a small file
                log.info("user={} get {} from {} {} {}", ws.user().name(), path, offset, encoding,
                        Rate.describe(end.size() - offset, System.nanoTime() - start));
            }
        }
    }

    /** DEFLATE if the name does not say "already compressed" and a trial on the bytes from {@code offset} saves enough. */
    private static Encoding choose(String path, FileChannel file, long offset) throws IOException {
        if (!Compression.suits(path)) return Encoding.NONE;
        ByteBuffer sample = ByteBuffer.allocate(Compression.TRIAL_BYTES);
        while (sample.hasRemaining() && file.read(sample, offset + sample.position()) >= 0) {
            // fill the sample, or take what there is before the end
        }
        return Compression.pays(sample.array(), sample.position()) ? Encoding.DEFLATE : Encoding.NONE;
    }

    /**
     * UPLOAD: ACCEPT with the offset and encoding (or an error REPLY), then the client's chunks and END, then a REPLY
     * saying whether it was stored. A resumable upload (UPLOAD's {@code resume}) goes through the user's stable
     * partial, which a cut connection leaves for the next attempt; any other upload through a throw-away temp file.
     */
    public void receive(Workspace ws, Frame.Upload request, FrameReader in, FrameWriter out) throws IOException {
        Upload upload;
        String path;
        long offset = 0;
        CRC32C crc = new CRC32C();
        try {
            ws.requireWrite(request.path());
            path = ws.resolve(request.path());
            if (request.resume()) {
                PartialUpload partial = storage.openPartial(path, ws.user().name(), request.size(), request.overwrite());
                upload = partial;
                offset = partial.offset();
                crc = prefixOf(partial);
            } else {
                upload = storage.create(path, request.size(), request.overwrite());
            }
        } catch (IOException e) {
            out.write(Failures.reply(e, ws));
            return;
        }
        Encoding encoding = request.compress() && Compression.suits(path) ? Encoding.DEFLATE : Encoding.NONE;
        long start = System.nanoTime();
        String user = ws.user().name();
        try (upload) {
            out.write(new Frame.Accept(offset, encoding));
            Chunks.Received received = Chunks.receive(in, upload.content(), request.size() - offset, encoding, crc, offset, QUIET);
            if (received.writeFailure() != null) {
                log.warn("user={} upload {} failed writing to disk: {}", user, path, received.writeFailure().toString());
                discard(upload);
                out.write(Failures.writeFailure(received.writeFailure(), ws));
            } else if (!received.verified() || received.size() != request.size()) {
                log.info("user={} upload {} discarded: checksum or size mismatch (resumed from {})", user, path, offset);
                discard(upload);
                out.write(Failures.reply(Status.CHECKSUM_MISMATCH, mismatch(ws, path, received, request.size(), offset)));
            } else {
                commit(ws, upload, path, received.size() - offset, start, out);
            }
        }
    }

    /** The partial's checksum so far; the partial is dropped if it cannot be read (it could never verify). */
    private static CRC32C prefixOf(PartialUpload partial) throws IOException {
        try {
            return partial.checksumPrefix();
        } catch (IOException e) {
            partial.discard();
            throw e;
        }
    }

    private static void discard(Upload upload) throws IOException {
        if (upload instanceof PartialUpload partial) partial.discard();
    }

    private static String mismatch(Workspace ws, String path, Chunks.Received received, long size, long offset) {
        String what = "%s: got %d bytes (crc32c %08x), expected %d (crc32c %08x); not stored"
                .formatted(ws.display(path), received.size(), received.crc32c(), size, received.announced().crc32c());
        return offset == 0 ? what : what + "; the server's partial (" + offset + " bytes) did not match your file and was deleted";
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

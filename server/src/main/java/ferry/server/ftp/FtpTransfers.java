package ferry.server.ftp;

import ferry.server.command.Failures;
import ferry.server.command.Workspace;
import ferry.server.session.Sessions;
import ferry.server.storage.Download;
import ferry.server.storage.Entry;
import ferry.server.storage.Storage;
import ferry.server.storage.Upload;
import ferry.server.transport.SendBudget;
import ferry.server.transport.StallGuard;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.Socket;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands that use a data connection: LIST, NLST, MLSD, RETR, STOR, STOU, APPE; and the settings they obey
 * (TYPE, REST). Each opens the file (or answers an error) before it says 150 and opens the data connection, then
 * ends with 226; or 426 if the data connection failed, 451 if an upload's file could not be written (RFC 959
 * 5.4). Under PROT P the data connection speaks TLS (see {@link Protection}). Used by one session's thread.
 */
final class FtpTransfers {
    private static final Logger log = LoggerFactory.getLogger(FtpTransfers.class);

    private final Storage storage;
    private final ControlChannel control;
    private final DataChannel data;
    private final Protection protection;
    private final SendBudget budget;
    private boolean ascii = true; // RFC 959 3.1.1.1: TYPE A is the default
    private long restart;
    /** The data connection of the transfer in progress, for {@link #abort()} from the control reader's thread. */
    private volatile Socket current;
    /**
     * The last cut of a data connection from another thread (ABOR, the watchdog): which one, the 426's text, and
     * whether ABOR made it.
     */
    private volatile Cut cut;
    private volatile StallGuard writing;
    /** Set by {@link #abort()}, cleared as each transfer starts. */
    private volatile boolean abortRequested;
    /** Whether the last transfer ended with a 426 for ABOR; the session's thread's only. */
    private boolean endedByAbort;

    private record Cut(Socket socket, String reply, boolean byAbort) {}

    FtpTransfers(Storage storage, ControlChannel control, DataChannel data, Protection protection, SendBudget budget) {
        this.storage = storage;
        this.budget = budget;
        this.control = control;
        this.data = data;
        this.protection = protection;
    }

    /** TYPE A, A N, I, L 8 (RFC 959 4.1.2); false for a type Ferry does not support. */
    boolean type(String argument) {
        switch (argument.toUpperCase(Locale.ROOT).strip()) {
            case "A", "A N" -> ascii = true;
            case "I", "L 8", "L8" -> ascii = false;
            default -> { return false; }
        }
        return true;
    }

    String typeName() {
        return ascii ? "ASCII" : "BINARY";
    }

    /** REST (RFC 3659 5): the offset the next RETR or STOR starts at. */
    void restart(String argument) throws IOException {
        try {
            long offset = Long.parseLong(argument.strip());
            if (offset < 0) throw new NumberFormatException();
            restart = offset;
            control.reply(350, "Restarting at " + offset + "; send RETR or STOR");
        } catch (NumberFormatException e) {
            control.reply(501, "REST needs a byte offset");
        }
    }

    /**
     * Drops a pending REST: FtpSession calls it after every transfer command, however it ended, so a REST applies
     * to the next transfer command only. RETR and STOR take it first ({@link #takeRestart}); the others ignore it.
     */
    void forgetRestart() {
        restart = 0;
    }

    /** Consumes the REST offset: it applies to the next transfer only. */
    private long takeRestart() {
        long offset = restart;
        restart = 0;
        return offset;
    }

    void list(List<Entry> entries, Workspace ws, FtpSession.Kind kind) throws IOException {
        Instant now = Instant.now();
        withData("Here comes the listing", socket -> {
            Writer out = new OutputStreamWriter(new BufferedOutputStream(socket.getOutputStream()), StandardCharsets.UTF_8);
            for (Entry entry : entries) {
                out.write(switch (kind) {
                    case LIST -> ListFormat.ls(entry, now);
                    case NLST -> entry.name();
                    case MLSD -> ListFormat.facts(entry, entry.name(), ws.user().permission());
                });
                out.write("\r\n");
            }
            out.flush();
            return 0;
        }, "Directory send OK");
    }

    void retrieve(Workspace ws, String path, String shown) throws IOException {
        long offset = takeRestart();
        Download download = storage.openRead(path);
        try (download) {
            if (offset > download.size()) {
                control.reply(554, "Restart offset " + offset + " is beyond the end of the file (" + download.size() + " bytes)");
                return;
            }
            long start = System.nanoTime();
            long sent = withData("Opening %s mode data connection for %s (%d bytes)".formatted(typeName(), shown, download.size() - offset),
                    socket -> send(download, offset, guarded(socket)), "Transfer complete");
            if (sent >= 0 && log.isInfoEnabled()) log.info("user={} ftp get {} {}", ws.user().name(), path, ferry.protocol.Rate.describe(sent, System.nanoTime() - start));
        }
    }

    /** The file from {@code offset} on: converted to CRLF lines in ASCII mode, else as it is (see StallGuard.transferFrom). */
    private long send(Download download, long offset, StallGuard out) throws IOException {
        try (var counted = out.downloading()) {
            if (ascii) {
                download.channel().position(offset);
                return copy(download.content(), out, Ascii.TO_NETWORK);
            }
            long sent = out.transferFrom(download.channel(), offset, download.size() - offset);
            out.flush();
            return sent;
        }
    }

    /**
     * STOR and STOU: the bytes go to a temporary file that replaces the target only once the transfer ended well;
     * {@code opening} is the 150 reply's text. Without {@code overwrite} an existing target fails before any reply.
     */
    void store(Workspace ws, String path, String opening, boolean overwrite) throws IOException {
        long offset = overwrite ? takeRestart() : 0; // STOU ignores a REST (FtpSession drops it after every transfer)
        long start = System.nanoTime();
        try (Upload upload = offset > 0 ? storage.openAppend(path, offset) : storage.create(path, 0, overwrite)) {
            long received = withData(opening, receiving(ws, upload), "Transfer complete");
            if (received >= 0 && log.isInfoEnabled()) log.info("user={} ftp put {} {}", ws.user().name(), path, ferry.protocol.Rate.describe(received, System.nanoTime() - start));
        }
    }

    /** APPE: appends in place at the file's end, under the path's exclusive lock. */
    void append(Workspace ws, String path) throws IOException {
        try (Upload upload = storage.openAppend(path, Storage.AT_END)) {
            withData("Ok to send data", receiving(ws, upload), "Transfer complete");
        }
    }

    /**
     * The data connection's bytes into {@code upload}, committed at the end. A failure to write or commit the file
     * (a full disk) is answered with its reason, not as a broken connection. If anything fails, the upload is closed
     * before the reply goes out, so that a client that hears it finds the file settled: as it was, or with what
     * arrived of an append.
     */
    private DataWork receiving(Workspace ws, Upload upload) {
        return socket -> {
            try {
                long n = copy(socket.getInputStream(), storing(upload.content(), ws), ascii ? Ascii.FROM_NETWORK : null);
                try {
                    upload.commit();
                } catch (IOException e) {
                    throw NotStored.of(e, ws);
                }
                return n;
            } catch (IOException | RuntimeException e) {
                try {
                    upload.close();
                } catch (IOException | RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        };
    }

    /** {@code file}, whose failures are the file's ({@link NotStored}), not the data connection's. */
    private static OutputStream storing(OutputStream file, Workspace ws) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                try {
                    file.write(bytes, offset, length);
                } catch (IOException e) {
                    throw NotStored.of(e, ws);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    file.flush();
                } catch (IOException e) {
                    throw NotStored.of(e, ws);
                }
            }
        };
    }

    /** The uploaded file could not be written or committed; the data connection itself was fine. */
    private static final class NotStored extends IOException {
        final String text;

        private NotStored(IOException cause, String text) {
            super(cause);
            this.text = text;
        }

        /** The failure to report with 451, the reply RFC 959 lists for a local error after 150; or {@code e} itself. */
        static IOException of(IOException e, Workspace ws) {
            if (e instanceof ClosedByInterruptException || e instanceof InterruptedIOException) {
                return e; // the server is stopping this session: not the file's fault
            }
            return new NotStored(e, FtpPaths.ftpPaths(Failures.writeFailure(e, ws).message()));
        }
    }

    @FunctionalInterface
    interface DataWork {
        long run(Socket socket) throws IOException;
    }

    /**
     * 150, the data connection, the work, 226; or 425 if no data connection, 426 if it broke, 451 if an upload's file
     * could not be written. Returns bytes or -1.
     */
    private long withData(String opening, DataWork work, String done) throws IOException {
        if (!data.isReady()) {
            control.reply(425, "Use PASV, EPSV, PORT or EPRT first");
            return -1;
        }
        String refused = protection.refusesData();
        if (refused != null) {
            data.close();
            control.reply(521, refused); // RFC 4217 9: the PROT level does not allow this
            return -1;
        }
        abortRequested = false; // an ABOR from before this transfer is not for it
        endedByAbort = false;
        control.reply(150, opening);
        Socket socket;
        try {
            socket = protection.protect(data.open());
        } catch (Protection.RefusedException e) {
            log.info("data connection refused: {}", e.getMessage());
            control.reply(e.code(), e.getMessage());
            return -1;
        } catch (DataChannel.WaitAbortedException e) {
            endedByAbort = true;
            control.reply(426, e.getMessage()); // then ABOR's own 226 (RFC 959 4.1.3)
            return -1;
        } catch (IOException e) {
            control.reply(425, "Cannot open data connection: " + e.getMessage());
            return -1;
        }
        long bytes;
        current = socket;
        try (socket) {
            if (abortRequested) { // ABOR came while the connection was made (or its TLS handshake): nothing to cut then
                endedByAbort = true;
                control.reply(426, DataChannel.ABORTED);
                return -1;
            }
            bytes = work.run(socket);
        } catch (NotStored e) {
            log.warn("upload failed writing to disk: {}", e.getCause().toString());
            control.reply(451, e.text);
            return -1;
        } catch (IOException e) {
            log.debug("data connection failed: {}", e.toString());
            Cut last = cut; // only if it cut this connection, not one that ended before
            boolean ours = last != null && last.socket() == socket;
            endedByAbort = ours && last.byAbort();
            control.reply(426, ours ? last.reply() : "Connection closed; transfer aborted");
            return -1;
        } finally {
            current = null;
            writing = null;
        }
        control.reply(226, done);
        return bytes;
    }

    /** The data connection's output, watched so that a client that stops reading is cut (see {@link #closeIfStalled}). */
    private StallGuard guarded(Socket socket) throws IOException {
        StallGuard guard = StallGuard.of(socket, budget);
        writing = guard;
        return guard;
    }

    /** From the watchdog's thread: closes the data connection if a write has been blocked longer than {@code limit}. */
    void closeIfStalled(java.time.Duration limit) {
        StallGuard guard = writing;
        if (guard != null && current != null && guard.stalledNanos() > limit.toNanos()) {
            log.info("data connection closed: the client read nothing for {}", limit);
            cut("Transfer aborted: the client read nothing for " + Sessions.readable(limit), false);
        }
    }

    /** ABOR's own reply, after the transfer's (RFC 959 4.1.3): whether it ended one. Answers once per transfer. */
    String aborReply() {
        boolean ended = endedByAbort;
        endedByAbort = false;
        return ended ? "ABOR done; the transfer was aborted" : "ABOR done; no transfer in progress";
    }

    /**
     * ABOR, from the control reader's thread: closes the data connection of the transfer in progress, or stops its
     * wait for one, if any; an ABOR that comes while the connection is being made ends the transfer once it is.
     */
    void abort() {
        abortRequested = true;
        data.abortWait();
        cut(DataChannel.ABORTED, true);
    }

    private void cut(String because, boolean byAbort) {
        Socket socket = current;
        if (socket == null) return;
        cut = new Cut(socket, because, byAbort);
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing the data connection for ABOR: {}", e.toString());
        }
    }

    /** Copies until the end of {@code in}, 64 KiB per read (InputStream.transferTo reads 16 KiB at a time). */
    private static long copy(InputStream in, OutputStream out, Ascii conversion) throws IOException {
        OutputStream target = conversion == null ? out : conversion.wrap(out);
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; total += n) target.write(buffer, 0, n);
        target.flush();
        return total;
    }
}

package ferry.client.transfer;

import ferry.protocol.Chunks;
import ferry.protocol.Frame;
import ferry.protocol.FrameReader;
import ferry.protocol.FrameWriter;
import ferry.protocol.ProtocolException;
import ferry.protocol.Status;
import ferry.protocol.Wire;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A logged-in conversation with a Ferry server over one socket. Downloads land in a hidden temporary file beside
 * the target and are moved into place only once the END marker verified them. {@link IOException} means the
 * connection is unusable; {@link TransferException} means one command failed and the connection is fine.
 * Not thread-safe: one connection per thread.
 */
public final class Connection implements Closeable {
    private final Socket socket;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final String server;

    private Connection(Socket socket, FrameReader reader, FrameWriter writer, String server) {
        this.socket = socket;
        this.reader = reader;
        this.writer = writer;
        this.server = server;
    }

    /** Connects and agrees on the protocol version; {@code timeout} bounds the connect and every later read. */
    public static Connection open(String host, int port, Duration timeout) throws IOException {
        return open(host, port, timeout, null);
    }

    /** As above, over TLS when {@code tls} is not null: the handshake and the trust decision happen here. */
    public static Connection open(String host, int port, Duration timeout, ClientTls tls) throws IOException {
        Socket plain = new Socket();
        Socket socket = plain;
        try {
            plain.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            plain.setTcpNoDelay(true);
            if (tls != null) socket = tls.wrap(plain, host, port);
            FrameReader reader = new FrameReader(socket.getInputStream());
            FrameWriter writer = new FrameWriter(socket.getOutputStream());
            writer.write(new Frame.Hello(Wire.VERSION));
            return switch (next(reader)) {
                case Frame.Welcome welcome -> new Connection(socket, reader, writer, welcome.server());
                case Frame.Reply reply -> throw new ProtocolException(reply.message());
                case Frame other -> throw new ProtocolException("expected WELCOME, got " + other);
            };
        } catch (IOException | RuntimeException e) {
            socket.close();
            plain.close();
            throw e;
        }
    }

    /** The server's name and version, from its WELCOME. */
    public String server() {
        return server;
    }

    public void login(String user, String password) throws IOException, TransferException {
        writer.write(new Frame.Login(user, password));
        expectOk();
    }

    /** Downloads {@code remote} to {@code local}; an existing {@code local} is replaced only if {@code overwrite}. */
    public Result get(String remote, Path local, boolean overwrite) throws IOException, TransferException {
        return get(remote, local, Options.of(overwrite));
    }

    /**
     * Downloads {@code remote} to {@code local} through its partial {@code .NAME.ferry-part}, moved into place only
     * once END verified the whole file. With {@code resume} an existing partial is continued from its length. A
     * connection lost midway keeps the partial for a later resume; a mismatch deletes it, so a bad file never
     * stays, under its final name or as something to resume.
     */
    public Result get(String remote, Path local, Options options) throws IOException, TransferException {
        if (!options.overwrite() && Files.exists(local)) {
            throw new TransferException(local + " exists; use -f to overwrite it");
        }
        LocalFiles.requireFolder(local);
        Path partial = LocalFiles.partialOf(local);
        long start = System.nanoTime();
        try (FileChannel channel = openPartial(partial)) {
            long offset = options.resume() ? channel.size() : 0;
            truncate(channel, offset, partial); // a fresh start drops an old partial; a resume keeps exactly its bytes
            CRC32C crc = Chunks.crcOf(Channels.newInputStream(channel), offset);
            long size = receive(remote, new Frame.Get(remote, offset, options.compress()), channel, crc, options.progress(), partial);
            force(channel, partial);
            LocalFiles.move(partial, local, options.overwrite()); // still locked: nobody else writes it meanwhile
            return new Result(remote, local, size - offset, System.nanoTime() - start, offset);
        }
    }

    /**
     * Opens the partial and locks it (an advisory lock, which other ftpclients honour), so that two downloads of
     * the same file, in two terminals say, cannot write into each other's bytes.
     */
    private static FileChannel openPartial(Path partial) throws TransferException {
        FileChannel channel;
        try {
            channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new TransferException("cannot write " + partial + ": " + e.getMessage());
        }
        boolean locked = false;
        try {
            locked = channel.tryLock() != null;
        } catch (java.nio.channels.OverlappingFileLockException | IOException e) {
            // held by this process, or locks unsupported here: treat as taken, the safe answer
        }
        if (!locked) {
            closeQuietly(channel);
            throw new TransferException("another download is writing " + partial + "; try again when it is done");
        }
        return channel;
    }

    private static void truncate(FileChannel channel, long offset, Path partial) throws TransferException {
        try {
            channel.truncate(offset);
        } catch (IOException e) {
            throw new TransferException("cannot write " + partial + ": " + e.getMessage());
        }
    }

    /** On disk before the rename, so a crash cannot leave the final name with missing content. */
    private static void force(FileChannel channel, Path partial) throws TransferException {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new TransferException("cannot write " + partial + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written through it
        }
    }

    /** Sends GET and receives the file into {@code channel} after its prefix, verified; returns its whole size. */
    private long receive(String remote, Frame.Get get, FileChannel channel, CRC32C crc, Progress progress, Path partial)
            throws IOException, TransferException {
        writer.write(get);
        Frame.Ready ready = switch (nextAfterScanning(get.offset())) {
            case Frame.Ready r -> r;
            case Frame.Reply reply -> {
                // Keep an earlier partial unless the server says it cannot be continued (it is longer than the file).
                if (get.offset() == 0 || reply.status() == Status.BAD_REQUEST) LocalFiles.deleteQuietly(partial);
                throw failure(reply);
            }
            case Frame other -> throw new ProtocolException("expected READY, got " + other);
        };
        progress.started(remote, get.offset(), ready.size());
        try {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
            Chunks.Received received;
            try {
                received = Chunks.receive(reader, out, ready.size() - get.offset(), ready.encoding(), crc,
                        get.offset(), progress::advanced);
            } catch (IOException e) {
                keepWhatArrived(out); // the connection is lost: what came so far is kept for get -c
                throw e;
            }
            if (received.writeFailure() == null) flush(out, partial);
            check(received, remote, ready.size(), partial, get.offset());
            return ready.size();
        } finally {
            progress.finished();
        }
    }

    /** Uploads {@code local} as {@code remote}; an existing {@code remote} is replaced only if {@code overwrite}. */
    public Result upload(Path local, String remote, boolean overwrite) throws IOException, TransferException {
        return upload(local, remote, Options.of(overwrite));
    }

    /**
     * Uploads {@code local} as {@code remote}. With {@code resume} the server continues its partial of an earlier,
     * cut {@code -c} upload from where it stopped (ACCEPT's offset) and keeps its partial if this one is cut too;
     * END carries the whole file's checksum, so a partial that does not match is reported and deleted.
     */
    public Result upload(Path local, String remote, Options options) throws IOException, TransferException {
        if (Files.isDirectory(local)) throw new TransferException(local + " is a folder");
        long start = System.nanoTime();
        try (InputStream in = LocalFiles.open(local)) {
            long size = Files.size(local);
            writer.write(new Frame.Upload(remote, size, options.overwrite(), options.resume(), options.compress()));
            Frame.Accept accept = switch (options.resume() ? nextAfterScanning(size) : next(reader)) {
                case Frame.Accept a -> a;
                case Frame.Reply reply -> throw failure(reply);
                case Frame other -> throw new ProtocolException("expected ACCEPT, got " + other);
            };
            if (accept.offset() > size) throw new ProtocolException("server resumes at " + accept.offset() + " of " + size + " bytes");
            CRC32C crc = Chunks.crcOf(in, accept.offset());
            options.progress().started(remote, accept.offset(), size);
            try {
                Frame.End sent = Chunks.send(in, size - accept.offset(), writer, accept.encoding(), crc, accept.offset(),
                        options.progress()::advanced);
                expectOk();
                return new Result(remote, local, sent.size() - accept.offset(), System.nanoTime() - start, accept.offset());
            } finally {
                options.progress().finished();
            }
        }
    }

    /** The entries of a remote folder ("" for the top), sorted by name. */
    public List<Frame.Entry> list(String path) throws IOException, TransferException {
        writer.write(new Frame.List(path));
        List<Frame.Entry> entries = new ArrayList<>();
        while (true) {
            switch (next(reader)) {
                case Frame.Entry entry -> entries.add(entry);
                case Frame.Reply reply when reply.status().isOk() -> { return entries; }
                case Frame.Reply reply -> throw failure(reply);
                case Frame other -> throw new ProtocolException("expected ENTRY or REPLY, got " + other);
            }
        }
    }

    /** Changes the remote folder; returns the new one as the server shows it (e.g. {@code ~/photos}). */
    public String cd(String path) throws IOException, TransferException {
        writer.write(new Frame.Cd(path));
        return expectOk();
    }

    /** The remote folder, e.g. {@code ~} or {@code ~/photos}. */
    public String pwd() throws IOException, TransferException {
        writer.write(new Frame.Pwd());
        return expectOk();
    }

    public String delete(String path) throws IOException, TransferException {
        writer.write(new Frame.Delete(path));
        return expectOk();
    }

    public String rename(String from, String to) throws IOException, TransferException {
        writer.write(new Frame.Rename(from, to));
        return expectOk();
    }

    public String mkdir(String path) throws IOException, TransferException {
        writer.write(new Frame.Mkdir(path));
        return expectOk();
    }

    public String rmdir(String path, boolean recursive) throws IOException, TransferException {
        writer.write(new Frame.Rmdir(path, recursive));
        return expectOk();
    }

    /** Size, modification time and, for a file, its checksums. */
    public Frame.Info stat(String path) throws IOException, TransferException {
        writer.write(new Frame.Stat(path));
        return switch (next(reader)) {
            case Frame.Info info -> info;
            case Frame.Reply reply -> throw failure(reply);
            case Frame other -> throw new ProtocolException("expected INFO, got " + other);
        };
    }

    /** Says goodbye and closes; never fails, as the user is leaving anyway. */
    public void quit() {
        try (socket) {
            writer.write(new Frame.Quit());
            next(reader);
        } catch (IOException e) {
            // Already gone; nothing left to close cleanly.
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Reads a REPLY: its message if OK, else the failure. */
    private String expectOk() throws IOException, TransferException {
        return switch (next(reader)) {
            case Frame.Reply reply when reply.status().isOk() -> reply.message();
            case Frame.Reply reply -> throw failure(reply);
            case Frame other -> throw new ProtocolException("expected REPLY, got " + other);
        };
    }

    /**
     * The next frame, after the server has read {@code bytes} of a file's prefix for a resumed transfer's checksum:
     * the usual timeout plus a second for every 20 MB, so a big partial on a slow disk is not taken for a dead server.
     */
    private Frame nextAfterScanning(long bytes) throws IOException {
        int usual = socket.getSoTimeout();
        if (usual == 0 || bytes <= 0) return next(reader);
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, usual + bytes / 20_000));
        try {
            return next(reader);
        } finally {
            socket.setSoTimeout(usual);
        }
    }

    /** The next frame; a BYE means the server has closed the connection. */
    private static Frame next(FrameReader reader) throws IOException {
        Frame frame = reader.read();
        if (frame instanceof Frame.Bye(String reason)) throw new ConnectionClosedException(reason);
        return frame;
    }

    private static TransferException failure(Frame.Reply reply) {
        return new TransferException(reply.message() + (reply.status() == Status.SERVER_ERROR ? " (see the server log)" : ""));
    }

    /** Fails unless the whole file verified; a mismatch deletes the partial (a write failure keeps it to resume). */
    private static void check(Chunks.Received received, String remote, long size, Path partial, long offset)
            throws TransferException {
        if (received.writeFailure() != null) {
            throw new TransferException("cannot write " + partial + ": " + received.writeFailure().getMessage() + "; get -c resumes");
        }
        if (!received.verified() || received.size() != size) {
            LocalFiles.deleteQuietly(partial);
            String resumed = offset == 0 ? "" : " after resuming at " + offset + " bytes: the local partial did not match the server's file";
            throw new TransferException("%s: checksum mismatch%s (got %d bytes, crc32c %08x; server sent %d, crc32c %08x, announced %d); discarded"
                    .formatted(remote, resumed, received.size(), received.crc32c(), received.announced().size(),
                            received.announced().crc32c(), size));
        }
    }

    private static void keepWhatArrived(OutputStream out) {
        try {
            out.flush();
        } catch (IOException e) {
            // The disk failed too; the partial keeps what reached it, and the resume's whole-file check decides.
        }
    }

    private static void flush(OutputStream out, Path local) throws TransferException {
        try {
            out.flush();
        } catch (IOException e) {
            throw new TransferException("cannot write " + local + ": " + e.getMessage());
        }
    }
}

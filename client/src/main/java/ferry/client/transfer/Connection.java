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
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
        if (!overwrite && Files.exists(local)) {
            throw new TransferException(local + " exists; use -f to overwrite it");
        }
        Path temp = createTemp(local);
        temp.toFile().deleteOnExit(); // also when the user presses Ctrl-C mid-download
        try {
            long start = System.nanoTime();
            long size = receive(remote, temp, local);
            move(temp, local, overwrite);
            return new Result(remote, local, size, System.nanoTime() - start);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Sends GET and receives the file into {@code temp}, verified; returns its size. */
    private long receive(String remote, Path temp, Path local) throws IOException, TransferException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024)) {
            writer.write(new Frame.Get(remote));
            long size = switch (next(reader)) {
                case Frame.Ready ready -> ready.size();
                case Frame.Reply reply -> throw failure(reply);
                case Frame other -> throw new ProtocolException("expected READY, got " + other);
            };
            Chunks.Received received = Chunks.receive(reader, out, size);
            check(received, remote, size, local);
            flush(out, local);
            return size;
        }
    }

    /** Uploads {@code local} as {@code remote}; an existing {@code remote} is replaced only if {@code overwrite}. */
    public Result upload(Path local, String remote, boolean overwrite) throws IOException, TransferException {
        if (Files.isDirectory(local)) throw new TransferException(local + " is a folder");
        long start = System.nanoTime();
        try (InputStream in = openLocal(local)) {
            long size = Files.size(local);
            writer.write(new Frame.Upload(remote, size, overwrite));
            expectOk();
            Frame.End sent = Chunks.send(in, size, writer);
            expectOk();
            return new Result(remote, local, sent.size(), System.nanoTime() - start);
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

    /** The next frame; a BYE means the server has closed the connection. */
    private static Frame next(FrameReader reader) throws IOException {
        Frame frame = reader.read();
        if (frame instanceof Frame.Bye(String reason)) throw new ConnectionClosedException(reason);
        return frame;
    }

    private static TransferException failure(Frame.Reply reply) {
        return new TransferException(reply.message() + (reply.status() == Status.SERVER_ERROR ? " (see the server log)" : ""));
    }

    private static void check(Chunks.Received received, String remote, long size, Path local) throws TransferException {
        if (received.writeFailure() != null) {
            throw new TransferException("cannot write " + local + ": " + received.writeFailure().getMessage());
        }
        if (!received.verified()) {
            throw new TransferException("%s: checksum mismatch (got %d bytes, crc32c %08x; server sent %d, crc32c %08x); discarded"
                    .formatted(remote, received.size(), received.crc32c(), received.announced().size(), received.announced().crc32c()));
        }
        if (received.size() != size) {
            throw new TransferException(remote + ": server announced " + size + " bytes but sent " + received.size() + "; discarded");
        }
    }

    private static void flush(OutputStream out, Path local) throws TransferException {
        try {
            out.flush();
        } catch (IOException e) {
            throw new TransferException("cannot write " + local + ": " + e.getMessage());
        }
    }

    private static Path createTemp(Path local) throws TransferException {
        Path folder = local.toAbsolutePath().getParent();
        try {
            // Not createTempFile: its owner-only permissions would stay on the finished file.
            return Files.createFile(folder.resolve("." + local.getFileName() + "." + UUID.randomUUID() + ".part"));
        } catch (NoSuchFileException e) {
            throw new TransferException("no such local folder: " + folder);
        } catch (IOException e) {
            throw new TransferException("cannot write in " + folder + ": " + e.getMessage());
        }
    }

    private static void move(Path temp, Path local, boolean overwrite) throws TransferException {
        try {
            if (overwrite) {
                Files.move(temp, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, local);
            }
        } catch (FileAlreadyExistsException e) {
            throw new TransferException(local + " exists; use -f to overwrite it");
        } catch (IOException e) {
            throw new TransferException("cannot write " + local + ": " + e.getMessage());
        }
    }

    private static InputStream openLocal(Path local) throws TransferException {
        try {
            return Files.newInputStream(local);
        } catch (NoSuchFileException e) {
            throw new TransferException("no such local file: " + local);
        } catch (IOException e) {
            throw new TransferException("cannot read " + local + ": " + e.getMessage());
        }
    }
}

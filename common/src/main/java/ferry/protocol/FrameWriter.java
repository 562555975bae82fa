package ferry.protocol;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes frames to a stream in {@link Wire}'s layout. Frames are buffered; every frame but {@link Frame.Chunk},
 * {@link Frame.Entry} and {@link Frame.Ready} (which chunks always follow) is flushed at once, so a peer waiting for
 * an answer gets it. If the stream is also a {@link GatheringOutput}, {@link #writeChunks} hands content to it
 * without copying: frame headers and slices of the content in one gathering write. Not thread-safe: one writer per
 * connection; a caller that shares it between threads must hold its own lock around each write.
 */
public final class FrameWriter {
    /** Small, as nearly every frame is; a frame that does not fit gets a full-size buffer for that once. */
    private static final int SMALL_PAYLOAD = 512;
    /** Chunks per gathering write: 32 KiB of content in 65 buffers, far below the kernel's 1024. */
    private static final int GATHER = 32;

    private final ElasticOutputStream buffered;
    private final DataOutputStream out;
    private final GatheringOutput gathering;
    private ByteBuffer payload = ByteBuffer.allocate(SMALL_PAYLOAD);
    /** For gathering writes, made at the first: the pending bytes, then header and content slice per chunk. */
    private ByteBuffer[] vector;
    private ByteBuffer[] headers;
    /**
     * Views of {@link #viewed}, one per chunk of a gathering write, reused while the caller passes the same buffer
     * (a pooled one, call after call): a slice per chunk was a million objects per GiB sent. Dropped at the next other
     * frame (END ends a transfer), so that no caller's buffer is kept past its transfer.
     */
    private ByteBuffer viewed;
    private ByteBuffer[] views;
    /** For {@link #writeChunks} on a stream that cannot gather, made at the first. */
    private byte[] chunk;

    public FrameWriter(OutputStream out) {
        this.buffered = new ElasticOutputStream(out);
        this.out = new DataOutputStream(buffered);
        this.gathering = out instanceof GatheringOutput g ? g : null;
    }

    public void write(Frame frame) throws IOException {
        if (frame instanceof Frame.Chunk(byte[] bytes)) {
            writeChunk(bytes, 0, bytes.length);
            return;
        }
        viewed = null;
        views = null;
        int type = encodeToPayload(frame);
        out.writeByte(type);
        out.writeShort(payload.position());
        out.write(payload.array(), 0, payload.position());
        if (!(frame instanceof Frame.Entry || frame instanceof Frame.Ready)) flush();
    }

    /**
     * Writes the remaining bytes of {@code content} as CHUNK frames of {@link Wire#MAX_CHUNK} bytes (the last may be
     * shorter) and leaves it at its limit. On a {@link GatheringOutput} they go out at once, after what is buffered,
     * with no copy of the content; otherwise through the buffer like {@link #writeChunk}.
     */
    public void writeChunks(ByteBuffer content) throws IOException {
        if (gathering == null) {
            copyChunks(content);
            return;
        }
        if (vector == null) {
            vector = new ByteBuffer[1 + 2 * GATHER];
            ByteBuffer all = ByteBuffer.allocateDirect(Wire.HEADER_BYTES * GATHER);
            headers = new ByteBuffer[GATHER];
            for (int i = 0; i < GATHER; i++) headers[i] = all.slice(Wire.HEADER_BYTES * i, Wire.HEADER_BYTES);
        }
        ByteBuffer pending = buffered.takePending();
        while (content.hasRemaining()) {
            int n = 0;
            while (n < GATHER && content.hasRemaining()) {
                int length = Math.min(Wire.MAX_CHUNK, content.remaining());
                ByteBuffer header = headers[n].clear();
                header.put(0, (byte) Wire.CHUNK).putShort(1, (short) length);
                vector[1 + 2 * n] = header;
                vector[2 + 2 * n] = view(content, n, length);
                content.position(content.position() + length);
                n++;
            }
            if (pending != null) {
                vector[0] = pending;
                gathering.writeFully(vector, 0, 1 + 2 * n);
                pending = null;
            } else {
                gathering.writeFully(vector, 1, 2 * n);
            }
        }
        if (pending != null) gathering.writeFully(new ByteBuffer[] {pending}, 0, 1); // content was empty
        Arrays.fill(vector, null); // the views stay until the next other frame (see views)
    }

    /** The {@code n}th view of {@code content}: its next {@code length} bytes, from its position. */
    private ByteBuffer view(ByteBuffer content, int n, int length) {
        if (viewed != content) {
            viewed = content;
            views = new ByteBuffer[GATHER];
        }
        ByteBuffer view = views[n];
        if (view == null) view = views[n] = content.duplicate();
        int from = content.position();
        return view.clear().position(from).limit(from + length);
    }

    private void copyChunks(ByteBuffer content) throws IOException {
        if (content.hasArray()) {
            while (content.hasRemaining()) {
                int length = Math.min(Wire.MAX_CHUNK, content.remaining());
                writeChunk(content.array(), content.arrayOffset() + content.position(), length);
                content.position(content.position() + length);
            }
            return;
        }
        if (chunk == null) chunk = new byte[Wire.MAX_CHUNK];
        while (content.hasRemaining()) {
            int length = Math.min(Wire.MAX_CHUNK, content.remaining());
            content.get(chunk, 0, length);
            writeChunk(chunk, 0, length);
        }
    }

    /** Writes one CHUNK frame of {@code bytes[offset, offset+length)} without copying them into a record first. */
    public void writeChunk(byte[] bytes, int offset, int length) throws IOException {
        if (length <= 0 || length > Wire.MAX_CHUNK) throw new IllegalArgumentException("chunk of " + length + " bytes");
        out.writeByte(Wire.CHUNK);
        out.writeShort(length);
        out.write(bytes, offset, length);
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Encodes into {@link #payload}, retrying once in a MAX_PAYLOAD buffer if the small one overflows. */
    private int encodeToPayload(Frame frame) {
        if (payload.capacity() > SMALL_PAYLOAD) payload = ByteBuffer.allocate(SMALL_PAYLOAD); // the last frame was large
        payload.clear();
        try {
            return encode(frame, payload);
        } catch (java.nio.BufferOverflowException small) {
            payload = ByteBuffer.allocate(Wire.MAX_PAYLOAD);
            return encode(frame, payload); // overflows again only for a frame over the limit, as before
        }
    }

    private static int encode(Frame frame, ByteBuffer p) {
        return switch (frame) {
            case Frame.Hello(int version) -> {
                p.put(Wire.MAGIC).putShort((short) version);
                yield Wire.HELLO;
            }
            case Frame.Welcome(int version, String server) -> {
                p.putShort((short) version);
                string(p, server);
                yield Wire.WELCOME;
            }
            case Frame.Login(String user, String password) -> {
                string(p, user);
                string(p, password);
                yield Wire.LOGIN;
            }
            case Frame.Get(String path, long offset, boolean compress) -> {
                string(p, path);
                p.putLong(offset).put(bool(compress));
                yield Wire.GET;
            }
            case Frame.Upload(String path, long size, boolean overwrite, boolean resume, boolean compress) -> {
                string(p, path);
                p.putLong(size).put(bool(overwrite)).put(bool(resume)).put(bool(compress));
                yield Wire.UPLOAD;
            }
            case Frame.List(String path) -> {
                string(p, path);
                yield Wire.LIST;
            }
            case Frame.Quit() -> Wire.QUIT;
            case Frame.Cd(String path) -> {
                string(p, path);
                yield Wire.CD;
            }
            case Frame.Pwd() -> Wire.PWD;
            case Frame.Delete(String path) -> {
                string(p, path);
                yield Wire.DELETE;
            }
            case Frame.Rename(String from, String to) -> {
                string(p, from);
                string(p, to);
                yield Wire.RENAME;
            }
            case Frame.Mkdir(String path) -> {
                string(p, path);
                yield Wire.MKDIR;
            }
            case Frame.Rmdir(String path, boolean recursive) -> {
                string(p, path);
                p.put((byte) (recursive ? 1 : 0));
                yield Wire.RMDIR;
            }
            case Frame.Stat(String path) -> {
                string(p, path);
                yield Wire.STAT;
            }
            case Frame.Chunk chunk -> throw new IllegalStateException("chunks are written by writeChunk");
            case Frame.End(long size, int crc32c) -> {
                p.putLong(size).putInt(crc32c);
                yield Wire.END;
            }
            case Frame.Reply(Status status, String message) -> {
                p.putShort((short) status.code());
                string(p, message);
                yield Wire.REPLY;
            }
            case Frame.Ready(long size, Encoding encoding) -> {
                p.putLong(size).put((byte) encoding.number());
                yield Wire.READY;
            }
            case Frame.Accept(long offset, Encoding encoding) -> {
                p.putLong(offset).put((byte) encoding.number());
                yield Wire.ACCEPT;
            }
            case Frame.Entry(String name, boolean directory, long size, long modifiedMillis) -> {
                string(p, name);
                p.put((byte) (directory ? 1 : 0)).putLong(size).putLong(modifiedMillis);
                yield Wire.ENTRY;
            }
            case Frame.Bye(String reason) -> {
                string(p, reason);
                yield Wire.BYE;
            }
            case Frame.Info(String name, boolean directory, long size, long modifiedMillis, int crc32c, String sha256) -> {
                string(p, name);
                p.put((byte) (directory ? 1 : 0)).putLong(size).putLong(modifiedMillis).putInt(crc32c);
                string(p, sha256);
                yield Wire.INFO;
            }
        };
    }

    private static byte bool(boolean value) {
        return (byte) (value ? 1 : 0);
    }

    private static void string(ByteBuffer p, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        p.putShort((short) bytes.length).put(bytes);
    }
}

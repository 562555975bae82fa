package ferry.protocol;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Every message of Ferry's framed protocol. Requests go from client to server; the server answers each with frames
 * that end in a {@link Reply} (a GET answers {@link Ready}, chunks and {@link End}). Records validate their fields,
 * so a frame that exists is a frame that can go on the wire. See {@link Wire} for the byte layout.
 */
public sealed interface Frame {

    /** A frame the client sends to start an exchange. */
    sealed interface Request extends Frame {}

    record Hello(int version) implements Frame {
        public Hello {
            checkU16("version", version);
        }
    }

    record Welcome(int version, String server) implements Frame {
        public Welcome {
            checkU16("version", version);
            checkString("server", server);
        }
    }

    record Login(String user, String password) implements Request {
        public Login {
            checkString("user", user);
            checkString("password", password);
        }

        @Override
        public String toString() {
            return "Login[user=" + user + "]"; // never print secrets
        }
    }

    /**
     * Asks for a file from byte {@code offset} on (0: all of it; a resumed download sends its partial's length),
     * compressed if {@code compress} and the server finds it worth it.
     */
    record Get(String path, long offset, boolean compress) implements Request {
        public Get {
            checkString("path", path);
            if (offset < 0) throw new IllegalArgumentException("negative offset " + offset);
        }

        public Get(String path) {
            this(path, 0, false);
        }
    }

    /**
     * Announces a file of {@code size} bytes. With {@code resume} the server continues its partial of an earlier,
     * cut upload of the same path by the same user (its {@link Accept} says from where); {@code compress} asks for
     * compressed chunks.
     */
    record Upload(String path, long size, boolean overwrite, boolean resume, boolean compress) implements Request {
        public Upload {
            checkString("path", path);
            if (size < 0) throw new IllegalArgumentException("negative size " + size);
        }

        public Upload(String path, long size, boolean overwrite) {
            this(path, size, overwrite, false, false);
        }
    }

    record List(String path) implements Request {
        public List {
            checkString("path", path);
        }
    }

    record Quit() implements Request {}

    /** Changes the session's remote folder; the REPLY's message is the new folder, as PWD shows it. */
    record Cd(String path) implements Request {
        public Cd {
            checkString("path", path);
        }
    }

    /** Asks for the session's remote folder; the REPLY's message is it, e.g. {@code ~/photos}. */
    record Pwd() implements Request {}

    record Delete(String path) implements Request {
        public Delete {
            checkString("path", path);
        }
    }

    /** Renames or moves a file or folder; {@code to} may be in another folder. */
    record Rename(String from, String to) implements Request {
        public Rename {
            checkString("from", from);
            checkString("to", to);
        }
    }

    record Mkdir(String path) implements Request {
        public Mkdir {
            checkString("path", path);
        }
    }

    /** Removes a folder: only an empty one unless {@code recursive}. */
    record Rmdir(String path, boolean recursive) implements Request {
        public Rmdir {
            checkString("path", path);
        }
    }

    /** Asks for a file's or folder's {@link Info}. */
    record Stat(String path) implements Request {
        public Stat {
            checkString("path", path);
        }
    }

    /** Up to {@link Wire#MAX_CHUNK} bytes of file content. Compares by identity, like every array-holding record. */
    record Chunk(byte[] bytes) implements Frame {
        public Chunk {
            if (bytes.length == 0 || bytes.length > Wire.MAX_CHUNK) {
                throw new IllegalArgumentException("chunk of " + bytes.length + " bytes");
            }
        }

        @Override
        public String toString() {
            return "Chunk[" + bytes.length + " bytes]";
        }
    }

    /**
     * Ends a file's chunks: the whole file's byte count and CRC32C (the uncompressed content, the part before a
     * resume's offset included), for the receiver to verify end to end.
     */
    record End(long size, int crc32c) implements Frame {
        public End {
            if (size < 0) throw new IllegalArgumentException("negative size " + size);
        }
    }

    record Reply(Status status, String message) implements Frame {
        public Reply {
            Objects.requireNonNull(status, "status");
            checkString("message", message);
        }
    }

    /**
     * The server accepted a GET of a file of this (whole) size; the chunks of its bytes from the GET's offset on,
     * encoded with {@code encoding}, and {@link End} follow.
     */
    record Ready(long size, Encoding encoding) implements Frame {
        public Ready {
            if (size < 0) throw new IllegalArgumentException("negative size " + size);
            Objects.requireNonNull(encoding, "encoding");
        }

        public Ready(long size) {
            this(size, Encoding.NONE);
        }
    }

    /** The server accepted an UPLOAD: send the file's bytes from {@code offset} on, encoded with {@code encoding}. */
    record Accept(long offset, Encoding encoding) implements Frame {
        public Accept {
            if (offset < 0) throw new IllegalArgumentException("negative offset " + offset);
            Objects.requireNonNull(encoding, "encoding");
        }
    }

    /** One line of a listing; a LIST answers entries, then a {@link Reply}. */
    record Entry(String name, boolean directory, long size, long modifiedMillis) implements Frame {
        public Entry {
            checkString("name", name);
            if (size < 0) throw new IllegalArgumentException("negative size " + size);
        }
    }

    /** The answer to STAT: for a file also its CRC32C and SHA-256 (hex); for a folder those are 0 and empty. */
    record Info(String name, boolean directory, long size, long modifiedMillis, int crc32c, String sha256) implements Frame {
        public Info {
            checkString("name", name);
            checkString("sha256", sha256);
            if (size < 0) throw new IllegalArgumentException("negative size " + size);
        }
    }

    /** The server is closing this connection (shutdown, idle timeout); nothing follows. */
    record Bye(String reason) implements Frame {
        public Bye {
            checkString("reason", reason);
        }
    }

    private static void checkU16(String name, int value) {
        if (value < 0 || value > 0xFFFF) throw new IllegalArgumentException(name + " out of range: " + value);
    }

    private static void checkString(String name, String value) {
        Objects.requireNonNull(value, name);
        int bytes;
        try {
            // REPORT, not getBytes: a lone surrogate would otherwise reach the peer as '?', naming another file.
            bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value))
                    .remaining();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(name + " is not valid Unicode (a lone surrogate)");
        }
        if (bytes > Wire.MAX_STRING) {
            throw new IllegalArgumentException(name + " longer than " + Wire.MAX_STRING + " bytes");
        }
    }
}

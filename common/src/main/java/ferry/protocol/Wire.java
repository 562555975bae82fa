package ferry.protocol;

/**
 * Constants of Ferry's framed protocol: frame type codes, limits and the version. The whole byte layout is drawn
 * here once; {@link FrameReader} and {@link FrameWriter} implement it, and {@code docs/PROTOCOL.md} explains it.
 *
 * <pre>
 * Every frame, in both directions (all integers big-endian):
 *
 *   0        1        2        3
 *   +--------+--------+--------+-------- ... --------+
 *   |  type  |  length (u16)   |  payload (length)   |
 *   +--------+--------+--------+-------- ... --------+
 *
 *   length &lt;= MAX_PAYLOAD (16384) for every frame and &lt;= MAX_CHUNK (1024) for CHUNK.
 *
 * Payload fields:
 *   str   u16 byte count, then that many bytes of UTF-8 (at most MAX_STRING bytes)
 *   u8    one byte; bool is a u8 that is 0 or 1
 *   u16, i32, i64   two, four, eight bytes
 *
 *   HELLO    0x01  c-&gt;s  bytes "FERY", u16 version
 *   WELCOME  0x02  s-&gt;c  u16 version, str server
 *   LOGIN    0x10  c-&gt;s  str user, str password
 *   GET      0x11  c-&gt;s  str path, i64 offset, bool compress
 *   UPLOAD   0x12  c-&gt;s  str path, i64 size, bool overwrite, bool resume, bool compress
 *   LIST     0x13  c-&gt;s  str path
 *   QUIT     0x14  c-&gt;s  (empty)
 *   CD       0x15  c-&gt;s  str path                      (REPLY's message: the new folder)
 *   PWD      0x16  c-&gt;s  (empty)                       (REPLY's message: the folder)
 *   DELETE   0x17  c-&gt;s  str path
 *   RENAME   0x18  c-&gt;s  str from, str to
 *   MKDIR    0x19  c-&gt;s  str path
 *   RMDIR    0x1A  c-&gt;s  str path, bool recursive
 *   STAT     0x1B  c-&gt;s  str path                      (answered by INFO or an error REPLY)
 *   CHUNK    0x20  both  1..1024 bytes of file content (compressed when the encoding says so)
 *   END      0x21  both  i64 size, i32 crc32c          (the whole, uncompressed file; follows the last CHUNK)
 *   REPLY    0x30  s-&gt;c  u16 status, str message
 *   READY    0x31  s-&gt;c  i64 size, u8 encoding        (a GET was accepted; CHUNKs from its offset follow)
 *   ENTRY    0x32  s-&gt;c  str name, bool directory, i64 size, i64 modified (ms since the epoch)
 *   BYE      0x33  s-&gt;c  str reason                    (the server closes the connection after it)
 *   INFO     0x34  s-&gt;c  str name, bool directory, i64 size, i64 modified, i32 crc32c, str sha256 (hex)
 *   ACCEPT   0x35  s-&gt;c  i64 offset, u8 encoding      (an UPLOAD was accepted; send CHUNKs from offset)
 *
 * encoding: 0 none, 1 deflate (zlib format, RFC 1950/1951), as {@link Encoding} numbers them.
 * </pre>
 */
public final class Wire {
    /** The version this build speaks (2 added resume and compression); HELLO carries it and the server refuses any other. */
    public static final int VERSION = 2;
    /** The four bytes that open HELLO, so that a stray client of another protocol is told apart at once. */
    public static final byte[] MAGIC = {'F', 'E', 'R', 'Y'};
    public static final int HEADER_BYTES = 3;
    public static final int MAX_PAYLOAD = 16384;
    public static final int MAX_CHUNK = 1024;
    public static final int MAX_STRING = 4096;

    static final int HELLO = 0x01;
    static final int WELCOME = 0x02;
    static final int LOGIN = 0x10;
    static final int GET = 0x11;
    static final int UPLOAD = 0x12;
    static final int LIST = 0x13;
    static final int QUIT = 0x14;
    static final int CD = 0x15;
    static final int PWD = 0x16;
    static final int DELETE = 0x17;
    static final int RENAME = 0x18;
    static final int MKDIR = 0x19;
    static final int RMDIR = 0x1A;
    static final int STAT = 0x1B;
    static final int CHUNK = 0x20;
    static final int END = 0x21;
    static final int REPLY = 0x30;
    static final int READY = 0x31;
    static final int ENTRY = 0x32;
    static final int BYE = 0x33;
    static final int INFO = 0x34;
    static final int ACCEPT = 0x35;

    private Wire() {}
}

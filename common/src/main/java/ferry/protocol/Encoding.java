package ferry.protocol;

/**
 * How a transfer's CHUNK frames encode the file: as is, or one zlib stream (RFC 1950) cut into chunks of at most
 * {@link Wire#MAX_CHUNK} bytes. The server picks it (READY for a GET, ACCEPT for an UPLOAD); END always counts and
 * checksums the uncompressed bytes.
 */
public enum Encoding {
    NONE(0),
    DEFLATE(1);

    private final int number;

    Encoding(int number) {
        this.number = number;
    }

    /** The number on the wire. */
    public int number() {
        return number;
    }

    /** The encoding with this wire number; an unknown one is a protocol error. */
    public static Encoding of(int number) throws ProtocolException {
        for (Encoding encoding : values()) {
            if (encoding.number == number) return encoding;
        }
        throw new ProtocolException("unknown encoding " + number);
    }
}

package ferry.protocol;

/** The outcome carried by a {@link Frame.Reply}, with its number on the wire. 2xx: success, 4xx: the request, 5xx: the server. */
public enum Status {
    OK(200),
    BAD_REQUEST(400),
    NOT_LOGGED_IN(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    ALREADY_EXISTS(409),
    TOO_LARGE(413),
    CHECKSUM_MISMATCH(422),
    BUSY(423),
    LOGIN_FAILED(430),
    SERVER_ERROR(500),
    UNAVAILABLE(503),
    UNSUPPORTED_VERSION(505);

    private final int code;

    Status(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean isOk() {
        return this == OK;
    }

    /** The status with this wire number; a number we do not know is a protocol error. */
    public static Status of(int code) throws ProtocolException {
        for (Status status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        throw new ProtocolException("unknown status " + code);
    }
}

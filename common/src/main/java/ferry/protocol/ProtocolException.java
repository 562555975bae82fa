package ferry.protocol;

import java.io.IOException;

/** The peer sent bytes that are not a valid frame, or a valid frame where it is not allowed. */
public final class ProtocolException extends IOException {
    public ProtocolException(String message) {
        super(message);
    }
}

package ferry.client.transfer;

import java.io.IOException;

/** The server said goodbye (shutdown, idle timeout, too many clients) and closed the connection. */
public final class ConnectionClosedException extends IOException {
    public ConnectionClosedException(String reason) {
        super("server closed the connection: " + reason);
    }
}

package ferry.bench;

import java.io.IOException;
import java.net.Socket;

/** Socket helpers shared by the sessions. */
final class Sockets {
    private Sockets() {}

    /** Closes with SO_LINGER 0: a reset, so that thousands of closes leave no TIME_WAIT ports on the client. */
    static void reset(Socket socket) {
        try (socket) {
            if (!socket.isClosed()) socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // Closing is all that was asked.
        }
    }
}

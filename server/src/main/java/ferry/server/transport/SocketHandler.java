package ferry.server.transport;

import java.io.IOException;
import java.net.Socket;

/** Serves one accepted connection on its own virtual thread; the {@link Listener} closes the socket afterwards. */
public interface SocketHandler {
    void serve(Socket socket) throws IOException;

    /** Tells a connection it is not served, in the protocol's words (a BYE, an FTP 421), before it is closed. */
    void refuse(Socket socket, String reason) throws IOException;
}

package ferry.server.transport;

import java.io.IOException;
import java.net.Socket;

/** Serves one accepted connection on its own virtual thread; the {@link Listener} closes the socket afterwards. */
@FunctionalInterface
public interface SocketHandler {
    void serve(Socket socket) throws IOException;
}

package ferry.server.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import ferry.server.tls.ServerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts connections on one port and hands each socket to a {@link SocketHandler} on a virtual thread of its own
 * from the server's executor, so a slow or stuck client never delays another. Owns the server socket and every
 * socket it accepted; the executor, shared by every listener of a server, belongs to the caller.
 * {@link #stopAccepting()} then {@link #close()} shut it down. Thread-safe.
 */
public final class Listener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Listener.class);

    private final ServerSocket serverSocket;
    private final SocketHandler handler;
    private final ExecutorService executor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final int maxPerAddress;
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private volatile Thread acceptor;

    private Listener(ServerSocket serverSocket, SocketHandler handler, ExecutorService executor, int maxPerAddress) {
        this.serverSocket = serverSocket;
        this.handler = handler;
        this.executor = executor;
        this.maxPerAddress = maxPerAddress;
    }

    /** The executor every listener of one server shares: a new virtual thread per connection. */
    public static ExecutorService newExecutor() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ferry-conn-", 1).factory());
    }

    /** Binds to {@code address} (port 0 picks a free one) and starts accepting; returns once bound. */
    public static Listener start(InetSocketAddress address, SocketHandler handler, ExecutorService executor)
            throws IOException {
        return start(address, handler, executor, Integer.MAX_VALUE);
    }

    /** As {@link #start(InetSocketAddress, SocketHandler, ExecutorService)}, serving at most {@code maxPerAddress} connections from one address. */
    public static Listener start(InetSocketAddress address, SocketHandler handler, ExecutorService executor,
                                 int maxPerAddress) throws IOException {
        return start(address, handler, executor, maxPerAddress, null);
    }

    /** As above, speaking TLS on every connection when {@code tls} is not null (the handshake runs on the session's thread). */
    public static Listener start(InetSocketAddress address, SocketHandler handler, ExecutorService executor,
                                 int maxPerAddress, ServerTls tls) throws IOException {
        // Plain sockets come from a channel, so that transfers can use gathering writes and sendfile (see StallGuard).
        ServerSocket serverSocket = tls == null ? ServerSocketChannel.open().socket() : tls.newServerSocket();
        try {
            serverSocket.bind(address, 512);
        } catch (IOException e) {
            serverSocket.close();
            throw e;
        }
        Listener listener = new Listener(serverSocket, handler, executor, maxPerAddress);
        listener.acceptor = Thread.ofVirtual().name("ferry-accept-" + listener.port()).start(listener::acceptLoop);
        return listener;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                open.add(socket);
                hand(socket);
            } catch (IOException e) { // a SocketException or AsynchronousCloseException once closed
                if (!serverSocket.isClosed()) log.warn("accept failed: {}", e.toString());
            } catch (RuntimeException e) {
                log.error("accept loop failed", e);
            }
        }
    }

    private void hand(Socket socket) throws IOException {
        try {
            executor.execute(() -> serve(socket));
        } catch (RejectedExecutionException e) {
            open.remove(socket); // cannot happen once stopAccepting() waits for this loop; never leak the socket
            socket.close();
        }
    }

    private void serve(Socket socket) {
        InetAddress from = socket.getInetAddress();
        try (socket) {
            if (perAddress.merge(from, 1, Integer::sum) > maxPerAddress) {
                handler.refuse(socket, "too many connections from your address (at most " + maxPerAddress + ")");
            } else {
                handler.serve(socket);
            }
        } catch (IOException e) {
            log.debug("conn={} ended: {}", socket.getRemoteSocketAddress(), e.toString());
        } catch (RuntimeException e) {
            log.error("conn={} failed", socket.getRemoteSocketAddress(), e); // a bug ends one session, not the server
        } finally {
            open.remove(socket);
            perAddress.computeIfPresent(from, (address, count) -> count == 1 ? null : count - 1);
        }
    }

    /**
     * Closes the server socket and waits for the accept loop to end, so that new connections are refused from now
     * on and every connection accepted before has been handed to its session. Idempotent.
     */
    public void stopAccepting() throws IOException {
        serverSocket.close();
        try {
            if (!acceptor.join(Duration.ofSeconds(5))) log.warn("the accept loop did not stop within 5 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting and closes every client socket, so that sessions blocked in reads or writes fail and end. */
    @Override
    public void close() throws IOException {
        stopAccepting();
        for (Socket socket : open) {
            socket.close();
        }
    }
}

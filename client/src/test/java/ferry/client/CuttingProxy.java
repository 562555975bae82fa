package ferry.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy on 127.0.0.1 in front of a server that forwards the first connection's bytes until {@code limit} of
 * them have gone one way, then drops that connection: a network cut mid-transfer, for real. Later connections are
 * forwarded whole. {@link #awaitCut()} waits for the cut with a bound.
 */
final class CuttingProxy implements AutoCloseable {
    enum Direction { TO_SERVER, TO_CLIENT }

    private final ServerSocket listener;
    private final int serverPort;
    private final Direction direction;
    private final long limit;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean first = new AtomicBoolean(true);
    private final CountDownLatch cut = new CountDownLatch(1);

    private CuttingProxy(ServerSocket listener, int serverPort, Direction direction, long limit) {
        this.listener = listener;
        this.serverPort = serverPort;
        this.direction = direction;
        this.limit = limit;
    }

    static CuttingProxy start(int serverPort, Direction direction, long limit) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        CuttingProxy proxy = new CuttingProxy(listener, serverPort, direction, limit);
        proxy.threads.execute(proxy::accept);
        return proxy;
    }

    int port() {
        return listener.getLocalPort();
    }

    void awaitCut() throws InterruptedException {
        if (!cut.await(10, TimeUnit.SECONDS)) throw new AssertionError("the proxy never cut the connection");
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort), 5_000);
                boolean cutting = first.getAndSet(false);
                threads.execute(() -> pump(client, server, cutting && direction == Direction.TO_SERVER));
                threads.execute(() -> pump(server, client, cutting && direction == Direction.TO_CLIENT));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Copies {@code from} to {@code to}; if {@code cutting}, only {@code limit} bytes, then closes both sockets. */
    private void pump(Socket from, Socket to, boolean cutting) {
        byte[] buffer = new byte[8192];
        long left = cutting ? limit : Long.MAX_VALUE;
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                out.write(buffer, 0, n);
                out.flush();
                left -= n;
            }
        } catch (IOException e) {
            // the other side went away: closing both ends is all there is to do
        } finally {
            if (cutting) cut.countDown();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}

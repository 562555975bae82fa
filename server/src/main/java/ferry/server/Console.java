package ferry.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's console: reads commands from standard input until {@code shutdown}. The end of input (a server run
 * in the background or under CI) stops only the console, never the server. Runs on its own thread.
 */
final class Console implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Console.class);

    private final BufferedReader in;
    private final PrintWriter out;
    private final Server server;

    Console(BufferedReader in, PrintWriter out, Server server) {
        this.in = in;
        this.out = out;
        this.server = server;
    }

    @Override
    public void run() {
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (!execute(line.strip())) return;
            }
            log.debug("console input ended; the server keeps running (stop it with SIGTERM)");
        } catch (IOException e) {
            log.warn("console stopped: {}", e.toString());
        }
    }

    /** Runs one console command; false once the server is shut down. */
    boolean execute(String command) {
        switch (command) {
            case "" -> {}
            case "shutdown", "stop" -> {
                server.close();
                return false;
            }
            case "status" -> status();
            case "reload" -> out.println(server.reloadUsers());
            case "help", "?" -> out.println("""
                    Console commands:
                      status     connected clients and transfers in flight
                      reload     read the users file again now (it is also re-read at a login after it changed)
                      shutdown   stop accepting, let transfers finish (see --grace), close everything, exit
                      help       this list""");
            default -> out.println("unknown command '" + command + "'; type help");
        }
        out.flush();
        return true;
    }

    private void status() {
        List<String> clients = server.status();
        out.printf("%d clients connected, %d transfers in flight%n", clients.size(), server.transfersInFlight());
        clients.forEach(client -> out.println("  " + client));
    }
}

package ferry.bench;

import ferry.client.transfer.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Entry point of the bench module, called by bench/run:
 * <pre>
 *   load --system S --protocol framed|ftp --port P --pid PID --data DIR --source FILE --out RAW.tsv
 *        [--workloads transfers|idle] [--run K] [--only WORKLOAD-PREFIX,...] [sizes and counts...]
 *   report --raw DIR --json FILE [--markdown FILE]
 *   apache-ftpserver --port P --root DIR --user U --password W
 * </pre>
 * Options are {@code --name value} pairs; see {@link #load} for the rest and their defaults.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) usage("no command");
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "load" -> load(options);
            case "report" -> Report.write(Path.of(need(options, "raw")), Path.of(need(options, "json")),
                    options.containsKey("markdown") ? Path.of(options.get("markdown")) : null);
            case "apache-ftpserver" -> ApacheFtpServer.run(Integer.parseInt(need(options, "port")), Path.of(need(options, "root")),
                    need(options, "user"), need(options, "password"));
            default -> usage("unknown command " + args[0]);
        }
        System.exit(0); // stray non-daemon threads of a failed workload must not keep the generator alive
    }

    private static void load(Map<String, String> o) throws Exception {
        String system = need(o, "system");
        String host = o.getOrDefault("host", "127.0.0.1");
        int port = Integer.parseInt(need(o, "port"));
        String user = o.getOrDefault("user", "bench"), password = o.getOrDefault("password", "bench");
        Duration timeout = Duration.ofSeconds(Long.parseLong(o.getOrDefault("timeout", "30")));
        boolean framed = switch (need(o, "protocol")) {
            case "framed" -> true;
            case "ftp" -> false;
            default -> throw usage("--protocol is framed or ftp");
        };
        Session.Factory sessions = framed ? FramedSession.factory(host, port, user, password, timeout)
                : FtpSession.factory(host, port, user, password, timeout);
        // Idle framed connections come from Ferry's client library itself.
        Workloads.IdleOpener idle = framed ? () -> {
            Connection connection = Connection.open(host, port, timeout);
            try {
                connection.login(user, password);
                return connection;
            } catch (Exception e) {
                connection.close();
                throw e;
            }
        } : () -> FtpSession.login(host, port, user, password, timeout);
        // The client check: the raw frame walker for the framed port, curl for FTP.
        String check = framed ? "rawclient" : "curl";
        Workloads.ClientCheck checker = framed ? (file, size) -> {
            long start = System.nanoTime();
            long bytes = RawFramedGet.download(host, port, user, password, file, timeout);
            return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
        } : Workloads.curl("ftp://" + user + ":" + password + "@" + host + ":" + port + "/", timeout);
        var config = new Workloads.Config(system, sessions, idle, check, checker, Long.parseLong(need(o, "pid")),
                Path.of(need(o, "data")), Path.of(need(o, "source")),
                o.getOrDefault("big", "big.bin"), o.getOrDefault("mid", "mid.bin"), o.getOrDefault("par", "par.bin"),
                Integer.parseInt(o.getOrDefault("clients", "50")), o.getOrDefault("small-dir", "small"),
                Integer.parseInt(o.getOrDefault("small-count", "1000")), Integer.parseInt(o.getOrDefault("idle", "2000")),
                Integer.parseInt(o.getOrDefault("burst", "1000")), Integer.parseInt(o.getOrDefault("concurrency", "32")),
                Integer.parseInt(o.getOrDefault("runs", "3")), timeout,
                o.containsKey("only") ? Set.of(o.get("only").split(",")) : Set.of());
        var workloads = new Workloads(config, new Results(Path.of(need(o, "out")), system));
        switch (o.getOrDefault("workloads", "transfers")) {
            case "transfers" -> workloads.runTransfers();
            case "idle" -> workloads.runIdle(Integer.parseInt(o.getOrDefault("run", "1")));
            default -> throw usage("--workloads is transfers or idle");
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw usage("expected --option, got " + args[i]);
            String name = args[i].substring(2);
            boolean flag = i + 1 == args.length || args[i + 1].startsWith("--");
            options.put(name, flag ? "true" : args[++i]);
        }
        return options;
    }

    private static String need(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) throw usage("missing --" + name);
        return value;
    }

    private static IllegalArgumentException usage(String problem) {
        System.err.println("bench: " + problem + " (see ferry.bench.Main's javadoc)");
        System.exit(2);
        return new IllegalArgumentException(problem);
    }
}

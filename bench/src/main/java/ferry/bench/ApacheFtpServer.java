package ferry.bench;

import java.nio.file.Path;
import java.util.List;
import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginPermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * Apache FtpServer (MINA) embedded with its defaults except what the benchmark needs: 127.0.0.1 and a given port,
 * one user with write permission and a clear-text password (no hashing cost at login, like the others), and
 * login limits high enough for the idle workload. Runs until the process is killed.
 */
final class ApacheFtpServer {
    private ApacheFtpServer() {}

    static void run(int port, Path root, String user, String password) throws Exception {
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(port);
        listener.setIdleTimeout(600);

        ConnectionConfigFactory connections = new ConnectionConfigFactory();
        connections.setMaxLogins(100_000);
        connections.setMaxLoginFailures(100);
        connections.setLoginFailureDelay(0);

        PropertiesUserManagerFactory users = new PropertiesUserManagerFactory();
        users.setPasswordEncryptor(new ClearTextPasswordEncryptor());
        BaseUser account = new BaseUser();
        account.setName(user);
        account.setPassword(password);
        account.setHomeDirectory(root.toAbsolutePath().toString());
        account.setMaxIdleTime(0);
        List<Authority> rights = List.of(new WritePermission(), new ConcurrentLoginPermission(0, 0));
        account.setAuthorities(rights);

        FtpServerFactory factory = new FtpServerFactory();
        factory.addListener("default", listener.createListener());
        factory.setConnectionConfig(connections.createConnectionConfig());
        var userManager = users.createUserManager();
        userManager.save(account);
        factory.setUserManager(userManager);

        FtpServer server = factory.createServer();
        server.start();
        System.out.println("apache-ftpserver: listening on 127.0.0.1:" + port + ", serving " + root);
        Thread.currentThread().join(); // until killed
    }
}

package ferry.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The build's package phase wrote both commands' man pages and bash completion scripts, from their picocli models. */
class GeneratedDocsIT {
    private static final Path REPO = TestServer.REPO;

    @Test
    void clientManPageAndCompletionScriptWereGenerated() throws Exception {
        String man = Files.readString(REPO.resolve("client/target/man/ftpclient.adoc"));
        assertTrue(man.contains("= ftpclient(1)") && man.contains("*--batch*") && man.contains("connection or login failure"), man);
        String completion = Files.readString(REPO.resolve("client/target/ftpclient_completion"));
        assertTrue(completion.contains("complete -F") && completion.contains("--netrc-file"), completion);
    }

    @Test
    void serverManPagesAndCompletionScriptWereGenerated() throws Exception {
        String man = Files.readString(REPO.resolve("server/target/man/ftpserver.adoc"));
        assertTrue(man.contains("= ftpserver(1)") && man.contains("*--ftp-port*"), man);
        assertTrue(Files.exists(REPO.resolve("server/target/man/ftpserver-user-add.adoc")));
        String completion = Files.readString(REPO.resolve("server/target/ftpserver_completion"));
        assertTrue(completion.contains("complete -F") && completion.contains("--idle-timeout"), completion);
    }
}

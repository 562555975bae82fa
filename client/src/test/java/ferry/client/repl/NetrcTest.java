package ferry.client.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ~/.netrc as ftp, curl and lftp read it, and where the client's user name and password come from. */
@Timeout(10)
class NetrcTest {
    @TempDir
    Path home;

    @Test
    void machineEntriesOnOneLineOrSpreadOverMany() {
        Netrc netrc = Netrc.parse("""
                machine files.example.org login alice password s3cret
                machine localhost
                    login demo
                    password "with space"
                """);
        assertEquals(Optional.of(new Netrc.Machine("files.example.org", "alice", "s3cret")), netrc.find("files.example.org"));
        assertEquals(Optional.of(new Netrc.Machine("localhost", "demo", "with space")), netrc.find("LOCALHOST"));
    }

    @Test
    void defaultAppliesToEveryOtherHostAndAnUnknownHostWithoutDefaultHasNone() {
        Netrc netrc = Netrc.parse("default login anonymous password guest\nmachine a login x password y\n");
        assertEquals(Optional.of(new Netrc.Machine(null, "anonymous", "guest")), netrc.find("elsewhere"));
        assertEquals("x", netrc.find("a").orElseThrow().login());
        assertEquals(Optional.empty(), Netrc.parse("machine a login x password y").find("b"));
    }

    @Test
    void macdefBodiesAccountAndPortAreSkipped() {
        Netrc netrc = Netrc.parse("""
                machine a login x account acct port 21 password y
                macdef init
                machine evil login mallory password stolen
                bin

                machine b login u password v
                """);
        assertEquals(List.of(new Netrc.Machine("a", "x", "y"), new Netrc.Machine("b", "u", "v")), netrc.machines());
    }

    @Test
    void missingFileIsEmptyAndPasswordsAreNeverPrinted() throws Exception {
        assertEquals(Netrc.EMPTY, Netrc.read(home.resolve(".netrc"), warning -> { throw new AssertionError(warning); }));
        assertEquals("Machine[host=a, login=x]", new Netrc.Machine("a", "x", "secret").toString());
        assertEquals("Credentials[user=x]", new Credentials("x", "secret").toString());
    }

    @Test
    void fileOthersCanReadIsUsedWithAWarning() throws Exception {
        Path file = Files.writeString(home.resolve(".netrc"), "machine a login x password y\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> warnings = new ArrayList<>();
        assertEquals("y", Netrc.read(file, warnings::add).find("a").orElseThrow().password());
        assertEquals(List.of("warning: " + file + " can be read by other users; protect it with chmod 600 " + file), warnings);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        warnings.clear();
        Netrc.read(file, warnings::add);
        assertEquals(List.of(), warnings);
    }

    @Test
    void credentialsComeFromUserOptionNetrcOrEnvironmentBeforeAnyQuestion() throws Exception {
        Netrc netrc = Netrc.parse("machine localhost login demo password fromnetrc");
        Environment none = new Environment(Map.of(), home);
        Environment withVariable = new Environment(Map.of("FERRY_PASSWORD", "fromenv"), home);

        assertEquals(new Credentials("demo", "fromnetrc"), find(null, netrc, none, ""));
        assertEquals(new Credentials("demo", "fromenv"), find(null, netrc, withVariable, ""));
        assertEquals(new Credentials("bob", "fromenv"), find("bob", Netrc.EMPTY, withVariable, ""));
        // netrc's password belongs to its login: another --user is asked for its own.
        assertEquals(new Credentials("bob", "typed"), find("bob", netrc, none, "typed\n"));
        // An empty FERRY_PASSWORD counts as unset.
        assertEquals(new Credentials("demo", "fromnetrc"), find(null, netrc, new Environment(Map.of("FERRY_PASSWORD", ""), home), ""));
        // Nothing found: both asked, as before.
        assertEquals(new Credentials("carol", "pw"), find(null, Netrc.EMPTY, none, "carol\npw\n"));
        assertEquals(Optional.empty(), Credentials.find(null, "localhost", Netrc.EMPTY, none, LineInput.of(new StringReader("carol\n"))));
    }

    private static Credentials find(String user, Netrc netrc, Environment environment, String stdin) throws Exception {
        return Credentials.find(user, "localhost", netrc, environment, LineInput.of(new StringReader(stdin))).orElseThrow();
    }

    @Test
    void configFolderFollowsFerryConfigDirThenXdg() {
        assertEquals(home.resolve(".config/ferry/history"), new Environment(Map.of(), home).history());
        assertEquals(Path.of("/x/ferry/history"), new Environment(Map.of("XDG_CONFIG_HOME", "/x"), home).history());
        assertEquals(Path.of("/y/history"), new Environment(Map.of("XDG_CONFIG_HOME", "/x", "FERRY_CONFIG_DIR", "/y"), home).history());
        assertTrue(new Environment(Map.of(), home).netrc().endsWith(".netrc"));
    }
}

package ferry.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ferry.protocol.Frame;
import ferry.protocol.Status;
import ferry.server.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class LoginTest {
    @TempDir
    Path dir;

    @Test
    void everyRequestBeforeLoginGetsNotLoggedInAndTheConnectionStaysOpen() throws Exception {
        try (var server = TestServer.start(dir); var client = server.connect()) {
            client.hello();
            Frame.Reply notLoggedIn = new Frame.Reply(Status.NOT_LOGGED_IN, "log in first");
            assertEquals(notLoggedIn, client.request(new Frame.Get("a.txt")));
            assertEquals(notLoggedIn, client.request(new Frame.List("")));
            assertEquals(notLoggedIn, client.request(new Frame.Upload("new.txt", 3, false)));
            client.login("alice", "secret");
            assertEquals(Status.OK, client.request(new Frame.List("")).status());
        }
    }

    @Test
    void rightPasswordIsWelcomed() throws Exception {
        try (var server = TestServer.start(dir); var client = server.connect()) {
            client.hello();
            assertEquals(new Frame.Reply(Status.OK, "welcome, bob"), client.request(new Frame.Login("bob", "pa:ss")));
        }
    }

    @Test
    void wrongPasswordGetsLoginFailedAndTheThirdFailureClosesTheConnection() throws Exception {
        try (var server = TestServer.start(dir); var client = server.connect()) {
            client.hello();
            for (int i = 0; i < 3; i++) {
                assertEquals(Status.LOGIN_FAILED, client.request(new Frame.Login("alice", "wrong" + i)).status());
            }
            client.assertClosedByServer();
        }
    }

    @Test
    void twoFailuresStillAllowTheRightPassword() throws Exception {
        try (var server = TestServer.start(dir); var client = server.connect()) {
            client.hello();
            assertEquals(Status.LOGIN_FAILED, client.request(new Frame.Login("alice", "nope")).status());
            assertEquals(Status.LOGIN_FAILED, client.request(new Frame.Login("mallory", "nope")).status());
            client.login("alice", "secret");
        }
    }

    @Test
    void unknownUserLooksTheSameAsAWrongPassword() throws Exception {
        try (var server = TestServer.start(dir); var client = server.connect()) {
            client.hello();
            Frame.Reply wrongPassword = client.request(new Frame.Login("alice", "wrong"));
            Frame.Reply unknownUser = client.request(new Frame.Login("mallory", "wrong"));
            assertEquals(wrongPassword, unknownUser);
            assertEquals(new Frame.Reply(Status.LOGIN_FAILED, "wrong user name or password"), unknownUser);
        }
    }

    @Test
    void unknownUsersCountTowardsTheThreeFailures() throws Exception {
        try (var server = TestServer.start(dir); var client = server.connect()) {
            client.hello();
            for (String user : new String[] {"mallory", "trudy", "eve"}) {
                assertEquals(Status.LOGIN_FAILED, client.request(new Frame.Login(user, "x")).status());
            }
            client.assertClosedByServer();
        }
    }

    @Test
    void secondLoginAfterSuccessIsABadRequestAndKeepsTheFirstUser() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "already logged in as alice"),
                    client.request(new Frame.Login("bob", "pa:ss")));
            assertEquals(Status.OK, client.request(new Frame.List("")).status());
        }
    }

    @Test
    void quitIsAnsweredAndClosesTheConnection() throws Exception {
        try (var server = TestServer.start(dir); var client = server.connect()) {
            client.hello();
            assertEquals(new Frame.Reply(Status.OK, "goodbye"), client.request(new Frame.Quit()));
            client.assertClosedByServer();
        }
    }
}

package ferry.server.auth;

/** users.txt cannot be used: the message names the file, the line and what is wrong with it. */
public final class UsersFileException extends Exception {
    UsersFileException(String message) {
        super(message);
    }
}

package ferry.server.auth;

/**
 * A user who may log in: the name, the home folder (relative to the served folder, "" for all of it) and what
 * the user may do there. Immutable.
 */
public record User(String name, String home, Permission permission) {
    /** A read-write user whose home is the whole served folder, as users.txt lines without options give. */
    public User(String name) {
        this(name, "", Permission.READ_WRITE);
    }
}

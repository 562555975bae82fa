package ferry.server.auth;

/** What a user may do, as written in users.txt ({@code perm=ro|rw|admin}). */
public enum Permission {
    /** List, download, stat, cd: nothing that changes a file. */
    READ_ONLY("ro"),
    /** Everything inside the user's home. */
    READ_WRITE("rw"),
    /** Everything, and the home is the whole served folder, so an admin sees every user's home. */
    ADMIN("admin");

    private final String word;

    Permission(String word) {
        this.word = word;
    }

    public boolean canWrite() {
        return this != READ_ONLY;
    }

    public String word() {
        return word;
    }

    /** The permission users.txt calls {@code word}: ro, rw or admin. */
    public static Permission of(String word) {
        for (Permission permission : values()) {
            if (permission.word.equals(word)) return permission;
        }
        throw new IllegalArgumentException("perm must be ro, rw or admin, not '" + word + "'");
    }
}

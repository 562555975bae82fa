package ferry.server.auth;

/** Who may log in, how guessing is slowed, and where security events go: shared by both protocols. */
public record Access(UsersFile users, LoginGuard guard, AuditLog audit) {}

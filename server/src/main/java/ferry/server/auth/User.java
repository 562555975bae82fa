package ferry.server.auth;

/** A user who may log in. Immutable. */
public record User(String name) {}

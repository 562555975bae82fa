package ferry.server.storage;

import java.time.Instant;

/** One item of a folder listing. */
public record Entry(String name, boolean directory, long size, Instant modified) {}

package ferry.client.repl;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the client reads from its surroundings: environment variables ({@code FERRY_PASSWORD}, {@code NO_COLOR},
 * {@code FERRY_CONFIG_DIR}, {@code XDG_CONFIG_HOME}) and the user's home folder. Tests pass their own instead of
 * changing the real ones. Immutable.
 */
public record Environment(Map<String, String> variables, Path home) {
    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** A variable's value, or null if it is unset or empty. */
    public String get(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** ~/.config/ferry, moved by FERRY_CONFIG_DIR or XDG_CONFIG_HOME (as for known_hosts). */
    public Path configDir() {
        if (get("FERRY_CONFIG_DIR") != null) return Path.of(get("FERRY_CONFIG_DIR"));
        if (get("XDG_CONFIG_HOME") != null) return Path.of(get("XDG_CONFIG_HOME"), "ferry");
        return home.resolve(".config/ferry");
    }

    public Path history() {
        return configDir().resolve("history");
    }

    public Path netrc() {
        return home.resolve(".netrc");
    }
}

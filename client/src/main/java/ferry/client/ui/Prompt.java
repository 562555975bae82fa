package ferry.client.ui;

import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;

/**
 * The REPL's prompt, {@code demo@localhost:~/photos> }, in colour (user and host green, folder blue, as bash's
 * default prompt) only where the terminal has colours and {@code NO_COLOR} is not set (no-color.org). Immutable.
 */
public record Prompt(String user, String host, boolean colour) {
    private static final String GREEN = "\u001b[1;32m";
    private static final String BLUE = "\u001b[1;34m";
    private static final String RESET = "\u001b[0m";

    /** The prompt for {@code folder} (as the server shows it, e.g. {@code ~/photos}). */
    public String render(String folder) {
        if (!colour) return user + "@" + host + ":" + folder + "> ";
        return GREEN + user + "@" + host + RESET + ":" + BLUE + folder + RESET + "> ";
    }

    /** True if {@code terminal} can show colours and the user did not ask for none with a non-empty NO_COLOR. */
    public static boolean colourOn(Terminal terminal, Map<String, String> environment) {
        String noColor = environment.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) return false;
        if (terminal.getType() == null || terminal.getType().startsWith(Terminal.TYPE_DUMB)) return false;
        Integer colours = terminal.getNumericCapability(Capability.max_colors);
        return colours != null && colours >= 8;
    }
}

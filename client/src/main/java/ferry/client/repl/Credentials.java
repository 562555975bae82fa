package ferry.client.repl;

import java.io.IOException;
import java.util.Optional;

/**
 * The user name and password to log in with, found without typing where possible. The name: {@code --user}, else
 * the netrc login for the host, else asked. The password: {@code FERRY_PASSWORD}, else the netrc password for the
 * host (if that entry's login is the user's), else asked: without echo on a terminal, or the next line of standard
 * input. Never from the command line, which {@code ps} shows to everyone. Immutable.
 */
public record Credentials(String user, String password) {
    public static final String PASSWORD_VARIABLE = "FERRY_PASSWORD";

    @Override
    public String toString() {
        return "Credentials[user=" + user + "]";
    }

    /** The credentials, or empty if the input ended before a name or password was given. */
    public static Optional<Credentials> find(String userOption, String host, Netrc netrc, Environment environment,
                                             LineInput input) throws IOException {
        Optional<Netrc.Machine> machine = netrc.find(host);
        String user = userOption != null ? userOption : machine.map(Netrc.Machine::login).orElse(null);
        if (user == null) user = input.ask("Username: ");
        if (user == null) return Optional.empty();
        String password = environment.get(PASSWORD_VARIABLE);
        if (password == null) password = netrcPassword(machine, user);
        if (password == null) password = input.readPassword("Password: ");
        return password == null ? Optional.empty() : Optional.of(new Credentials(user, password));
    }

    private static String netrcPassword(Optional<Netrc.Machine> machine, String user) {
        return machine.filter(m -> m.login() == null || m.login().equals(user)).map(Netrc.Machine::password).orElse(null);
    }
}

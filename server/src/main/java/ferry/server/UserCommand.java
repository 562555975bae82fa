package ferry.server;

import ferry.server.auth.PasswordHash;
import ferry.server.auth.Permission;
import ferry.server.auth.Users;
import ferry.server.auth.UsersFileEditor;
import ferry.server.auth.UsersFileException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ftpserver user add|passwd|remove|list}: manages users.txt without an editor. Passwords are asked twice
 * without echo on a terminal, or read as one line from standard input otherwise, and stored only as
 * {@link PasswordHash}es. A running server picks the change up at the next login.
 */
@Command(name = "user", description = "Manage the accounts in the users file.",
        subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.Remove.class, UserCommand.ListUsers.class})
final class UserCommand {
    @Option(names = "--users", paramLabel = "FILE", defaultValue = "users.txt", scope = CommandLine.ScopeType.INHERIT,
            description = "The accounts file. Default: ${DEFAULT-VALUE}.")
    Path users;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** One input for every password question of this run, so piped answers are read in order. */
    private BufferedReader stdin;

    char[] askPassword(String name) throws IOException {
        Console console = System.console();
        if (console == null) {
            if (stdin == null) stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = stdin.readLine();
            if (line == null || line.isEmpty()) throw new IOException("no password on standard input");
            return line.toCharArray();
        }
        char[] first = console.readPassword("New password for %s: ", name);
        char[] second = console.readPassword("Again: ");
        if (first == null || first.length == 0) throw new IOException("no password given");
        if (!Arrays.equals(first, second)) throw new IOException("the passwords differ");
        return first;
    }

    static int fail(CommandLine.Model.CommandSpec spec, Exception e) {
        spec.commandLine().getErr().println("ftpserver user: " + e.getMessage());
        return Main.USAGE;
    }

    @FunctionalInterface
    interface Change {
        void apply(UsersFileEditor editor) throws IOException, UsersFileException;
    }

    /** Opens the file, applies one change, saves it atomically and says {@code done}; or one line saying why not. */
    int change(CommandLine.Model.CommandSpec spec, Change change, String done) {
        try {
            UsersFileEditor editor = UsersFileEditor.open(users);
            change.apply(editor);
            editor.save();
            spec.commandLine().getOut().println(done);
            return 0;
        } catch (IOException | UsersFileException | IllegalArgumentException e) {
            return fail(spec, e);
        }
    }

    @Command(name = "add", description = "Add a user; asks for the password.")
    static final class Add implements Callable<Integer> {
        @ParentCommand UserCommand parent;
        @Spec CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--home", paramLabel = "DIR", description = "Home folder under the served root.") String home;
        @Option(names = "--perm", paramLabel = "ro|rw|admin", description = "What the user may do. Default: rw.") String perm;

        @Override
        public Integer call() {
            return parent.change(spec, editor -> {
                Permission permission = perm == null ? null : permission(perm);
                editor.add(name, home, permission, PasswordHash.of(parent.askPassword(name)));
            }, "added " + name + " to " + parent.users);
        }
    }

    private static Permission permission(String word) {
        try {
            return Permission.of(word.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--perm must be ro, rw or admin");
        }
    }

    @Command(name = "passwd", description = "Set a user's password (also hashes a plain-text one); asks for it.")
    static final class Passwd implements Callable<Integer> {
        @ParentCommand UserCommand parent;
        @Spec CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            return parent.change(spec, editor -> editor.passwd(name, PasswordHash.of(parent.askPassword(name))),
                    "changed the password of " + name);
        }
    }

    @Command(name = "remove", description = "Remove a user.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand UserCommand parent;
        @Spec CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            return parent.change(spec, editor -> editor.remove(name), "removed " + name);
        }
    }

    @Command(name = "list", description = "List the users: name, permission, home, and whether the password is hashed.")
    static final class ListUsers implements Callable<Integer> {
        @ParentCommand UserCommand parent;
        @Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try {
                Users users = Users.load(parent.users);
                PrintWriter out = spec.commandLine().getOut();
                for (var line : users.describe()) out.println(line);
                return 0;
            } catch (UsersFileException e) {
                return fail(spec, e);
            }
        }
    }
}

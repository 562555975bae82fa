package ferry.client.repl;

import ferry.client.command.Context;
import ferry.protocol.Frame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Tab completion from picocli's model of the REPL's commands: the first word completes to a command name or alias,
 * a word starting with '-' to that command's options, other words to local paths (parameters labelled LOCAL…, and
 * the arguments of lcd, lls, mput) or remote paths (everything else, from {@link RemoteFolders}); a parameter
 * labelled DIR (cd, mkdir, rmdir, lcd, lls) to folders only. Folders complete with a trailing '/', files with a space. Used by the REPL's one thread.
 */
final class Completion implements Completer {
    private static final Set<String> LOCAL_COMMANDS = Set.of("lcd", "lls", "mput");

    private final CommandLine commands;
    private final Context context;
    private final RemoteFolders remote;

    Completion(CommandLine commands, Context context, RemoteFolders remote) {
        this.commands = commands;
        this.context = context;
        this.remote = remote;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word().substring(0, line.wordCursor());
        if (line.wordIndex() == 0) {
            commandNames(candidates);
            return;
        }
        CommandLine command = commands.getSubcommands().get(line.words().getFirst().toLowerCase(Locale.ROOT));
        if (command == null) return;
        CommandSpec spec = command.getCommandSpec();
        if (spec.name().equals("help")) {
            commandNames(candidates);
        } else if (word.startsWith("-")) {
            spec.options().forEach(option -> Stream.of(option.names()).forEach(name -> candidates.add(new Candidate(name))));
        } else {
            int index = positionalIndex(line);
            boolean foldersOnly = labels(spec, index).anyMatch(label -> label.equals("DIR"));
            if (LOCAL_COMMANDS.contains(spec.name()) || labels(spec, index).anyMatch(label -> label.startsWith("LOCAL"))) {
                localPaths(word, foldersOnly, candidates);
            } else {
                remotePaths(word, foldersOnly, candidates);
            }
        }
    }

    private void commandNames(List<Candidate> candidates) {
        commands.getSubcommands().keySet().forEach(name -> candidates.add(new Candidate(name)));
    }

    /** Which positional parameter the word being completed is: words before it, less the command and options. */
    private static int positionalIndex(ParsedLine line) {
        return (int) line.words().subList(1, line.wordIndex()).stream().filter(w -> !w.startsWith("-")).count();
    }

    /** The labels of the positional parameters at {@code index} (LOCAL, REMOTE, DIR, …). */
    private static Stream<String> labels(CommandSpec spec, int index) {
        return spec.positionalParameters().stream().filter(p -> p.index().contains(index)).map(PositionalParamSpec::paramLabel);
    }

    private void remotePaths(String word, boolean foldersOnly, List<Candidate> candidates) {
        String folder = word.substring(0, word.lastIndexOf('/') + 1);
        for (Frame.Entry entry : remote.entries(folder)) {
            if (entry.directory() || !foldersOnly) candidates.add(path(folder + entry.name(), entry.directory()));
        }
    }

    private void localPaths(String word, boolean foldersOnly, List<Candidate> candidates) {
        String folder = word.substring(0, word.lastIndexOf('/') + 1);
        try (Stream<Path> children = Files.list(context.local(folder.isEmpty() ? "." : folder))) {
            children.filter(child -> !foldersOnly || Files.isDirectory(child))
                    .forEach(child -> candidates.add(path(folder + child.getFileName(), Files.isDirectory(child))));
        } catch (IOException | UncheckedIOException | InvalidPathException e) {
            // No such local folder, or not readable: nothing to offer.
        }
    }

    /** A folder ends in '/' and leaves the word open, so Tab can go on into it; a file ends the word. */
    private static Candidate path(String value, boolean folder) {
        String shown = value.substring(value.lastIndexOf('/') + 1) + (folder ? "/" : "");
        return new Candidate(folder ? value + "/" : value, shown, null, null, null, null, !folder);
    }
}

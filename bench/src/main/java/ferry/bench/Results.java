package ferry.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Appends one measurement per line to a raw TSV file: workload, system, run, value ("failed" if none), unit,
 * note. {@link Report} turns these into the table and latest.json. Thread-safe.
 */
final class Results {
    private final Path file;
    private final String system;

    Results(Path file, String system) {
        this.file = file;
        this.system = system;
    }

    synchronized void record(String workload, int run, double value, String unit, String note) {
        String v = Double.isNaN(value) ? "failed" : String.format(Locale.ROOT, "%.3f", value);
        String line = String.join("\t", workload, system, Integer.toString(run), v, unit, clean(note)) + "\n";
        System.out.print("  " + line.replace('\t', ' '));
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void failed(String workload, int run, String unit, Throwable why) {
        record(workload, run, Double.NaN, unit, why.getClass().getSimpleName() + ": " + why.getMessage());
    }

    private static String clean(String note) {
        return note == null ? "" : note.replaceAll("[\\t\\r\\n]+", " ");
    }
}

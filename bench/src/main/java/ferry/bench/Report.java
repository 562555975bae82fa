package ferry.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the raw TSV files of one run into a markdown table (median of the runs, with min–max, per workload and
 * system, then Ferry's ratio to each peer) on standard output, and latest.json: a list of
 * {@code {"workload", "system", "value", "unit"}} records with the medians ({@code null} where every run failed).
 */
final class Report {
    static final List<String> SYSTEMS = List.of("ferry-framed", "ferry-ftp", "vsftpd", "pyftpdlib", "apache-ftpserver");
    private static final List<String> FERRY = List.of("ferry-framed", "ferry-ftp");

    /** All runs of one workload on one system. */
    private static final class Cell {
        final List<Double> values = new ArrayList<>();
        final Set<String> notes = new LinkedHashSet<>();
        String unit = "";
        int failed;

        double median() {
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        String show() {
            if (values.isEmpty()) return "failed";
            double min = values.stream().mapToDouble(d -> d).min().orElseThrow(), max = values.stream().mapToDouble(d -> d).max().orElseThrow();
            String s = number(median()) + (values.size() > 1 ? " (" + number(min) + "–" + number(max) + ")" : "");
            return failed > 0 ? s + " [" + failed + " failed]" : s;
        }
    }

    private Report() {}

    static void write(Path rawDir, Path json, Path markdown) throws IOException {
        Map<String, Map<String, Cell>> table = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(rawDir)) {
            files = list.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
        }
        for (Path file : files) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                if (f.length < 6) continue;
                Cell cell = table.computeIfAbsent(f[0], w -> new LinkedHashMap<>()).computeIfAbsent(f[1], s -> new Cell());
                cell.unit = f[4];
                if (f[3].equals("failed")) cell.failed++;
                else cell.values.add(Double.parseDouble(f[3]));
                if (!f[5].isEmpty() && (cell.notes.isEmpty() || f[3].equals("failed"))) cell.notes.add("run " + f[2] + ": " + f[5]);
            }
        }
        String md = markdown(table);
        System.out.print(md);
        if (markdown != null) Files.writeString(markdown, md, StandardCharsets.UTF_8);
        Files.writeString(json, json(table), StandardCharsets.UTF_8);
    }

    private static String markdown(Map<String, Map<String, Cell>> table) {
        StringBuilder md = new StringBuilder("| workload | unit | " + String.join(" | ", SYSTEMS) + " |\n|---|---|");
        md.append("---|".repeat(SYSTEMS.size())).append('\n');
        for (var row : table.entrySet()) {
            String unit = row.getValue().values().stream().map(c -> c.unit).filter(u -> !u.startsWith("of ")).findFirst().orElse("held");
            md.append("| ").append(row.getKey()).append(" | ").append(unit).append(" |");
            for (String system : SYSTEMS) {
                Cell cell = row.getValue().get(system);
                md.append(' ').append(cell == null ? "n/a" : cell.show() + (cell.unit.startsWith("of ") ? " " + cell.unit : "")).append(" |");
            }
            md.append('\n');
        }
        md.append("\nFerry's ratio to each peer (median ÷ median; for MiB rows lower is better, elsewhere higher):\n\n| workload |");
        List<String> peers = SYSTEMS.stream().filter(s -> !FERRY.contains(s)).toList();
        for (String f : FERRY) for (String p : peers) md.append(' ').append(f.substring("ferry-".length())).append(" ÷ ").append(p).append(" |");
        md.append("\n|---|").append("---|".repeat(FERRY.size() * peers.size())).append('\n');
        for (var row : table.entrySet()) {
            md.append("| ").append(row.getKey()).append(" |");
            for (String f : FERRY) {
                for (String p : peers) {
                    Cell a = row.getValue().get(f), b = row.getValue().get(p);
                    md.append(' ').append(ratio(a, b)).append(" |");
                }
            }
            md.append('\n');
        }
        idleRatios(table, md);
        md.append("\nNotes (every failure; otherwise the first remark of each cell):\n\n");
        for (var row : table.entrySet()) {
            for (var cell : row.getValue().entrySet()) {
                for (String note : cell.getValue().notes) {
                    md.append("- ").append(row.getKey()).append(", ").append(cell.getKey()).append(": ").append(note).append('\n');
                }
            }
        }
        return md.toString();
    }

    /**
     * Each system's download while the idle connections are held ÷ its download just before them, on the same fresh
     * servers (issue 7: at least 0.8×).
     */
    private static void idleRatios(Map<String, Map<String, Cell>> table, StringBuilder md) {
        for (var row : table.entrySet()) {
            if (!row.getKey().endsWith("-while-idle")) continue;
            String before = row.getKey().replace("-while-idle", "-before-idle");
            Map<String, Cell> baseline = table.get(before);
            if (baseline == null) continue;
            md.append("\nWhile idle ÷ before idle, each system on its own servers (").append(row.getKey()).append(" ÷ ").append(before)
                    .append("):\n\n| ").append(String.join(" | ", SYSTEMS)).append(" |\n|").append("---|".repeat(SYSTEMS.size())).append("\n|");
            for (String system : SYSTEMS) {
                Cell a = row.getValue().get(system), b = baseline.get(system);
                md.append(' ').append(ratio(a, b)).append(" |");
            }
            md.append('\n');
        }
    }

    /** Median ÷ median as "1.23×", or n/a when either cell is missing or has no figure. */
    private static String ratio(Cell a, Cell b) {
        double ratio = a == null || b == null ? Double.NaN : a.median() / b.median();
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f×", ratio) : "n/a";
    }

    private static String json(Map<String, Map<String, Cell>> table) {
        List<String> records = new ArrayList<>();
        for (var row : table.entrySet()) {
            for (var cell : row.getValue().entrySet()) {
                double median = cell.getValue().median();
                String unit = cell.getValue().unit.startsWith("of ") ? "connections" : cell.getValue().unit;
                records.add(String.format(Locale.ROOT, "  {\"workload\": %s, \"system\": %s, \"value\": %s, \"unit\": %s}",
                        quote(row.getKey()), quote(cell.getKey()), Double.isNaN(median) ? "null" : number(median).replace(",", ""), quote(unit)));
            }
        }
        return "[\n" + String.join(",\n", records) + "\n]\n";
    }

    private static String number(double d) {
        if (Math.abs(d) >= 100) return String.format(Locale.ROOT, "%.0f", d);
        if (Math.abs(d) >= 10) return String.format(Locale.ROOT, "%.1f", d);
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}

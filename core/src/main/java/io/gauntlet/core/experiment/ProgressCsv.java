package io.gauntlet.core.experiment;

import io.gauntlet.core.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * rllab's progress.csv: one row per iteration, appended and flushed as training goes. The standard columns come
 * first, then the algorithm's diagnostics in the order of the first iteration. Doubles are printed in Java's
 * shortest round-trip form, so reading a cell back gives the same bits; an iteration that finished no episode
 * leaves its return cells empty, NaN is {@code NaN} and infinities {@code inf}/{@code -inf}, which pandas reads as
 * such. The harness writes it; {@link #read} is the one reader (reports, acceptance tables, sweeps).
 */
public final class ProgressCsv implements AutoCloseable {
    public static final String FILE = "progress.csv";
    public static final List<String> STANDARD = List.of(
            "Iteration", "TotalEnvSteps", "AverageReturn", "StdReturn", "MaxReturn", "MinReturn", "NumTrajs",
            "AverageEpisodeLength", "Time", "ItrTime");

    private final Path file;
    private List<String> diagnosticNames; // null until the header is written
    private BufferedWriter out;
    private double lastAverageReturn = Double.NaN;

    private ProgressCsv(Path file, List<String> diagnosticNames) {
        this.file = file;
        this.diagnosticNames = diagnosticNames;
    }

    /** A new, empty progress file (any previous one is replaced); the header comes with the first row. */
    static ProgressCsv create(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        Files.deleteIfExists(file);
        return new ProgressCsv(file, null);
    }

    /**
     * Reopens the progress file of an interrupted run, keeping its header and its first {@code rows} rows (the
     * iterations covered by the checkpoint); later rows, written after the last checkpoint, are dropped.
     */
    static ProgressCsv resume(Path dir, int rows) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            if (rows == 0) return create(dir);
            throw new IOException(file + " is missing but the checkpoint covers " + rows + " iterations");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            if (rows == 0) return create(dir);
            throw new IOException(file + " is empty but the checkpoint covers " + rows + " iterations");
        }
        if (lines.size() - 1 < rows) {
            throw new IOException(file + " has " + (lines.size() - 1) + " rows but the checkpoint covers " + rows);
        }
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        if (!header.subList(0, Math.min(header.size(), STANDARD.size())).equals(STANDARD)) {
            throw new IOException(file + " does not start with the standard columns");
        }
        AtomicFiles.writeString(file, String.join("\n", lines.subList(0, rows + 1)) + "\n");
        ProgressCsv csv = new ProgressCsv(file, new ArrayList<>(header.subList(STANDARD.size(), header.size())));
        for (int i = rows; i >= 1 && Double.isNaN(csv.lastAverageReturn); i--) {
            String cell = lines.get(i).split(",", -1)[2];
            if (!cell.isEmpty()) csv.lastAverageReturn = Double.parseDouble(cell);
        }
        csv.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return csv;
    }

    void append(double[] standard, Map<String, Double> diagnostics) throws IOException {
        if (diagnosticNames == null) {
            diagnosticNames = new ArrayList<>(diagnostics.keySet());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            List<String> header = new ArrayList<>(STANDARD);
            for (String d : diagnosticNames) {
                if (d.contains(",") || d.contains("\n") || d.contains("\"")) {
                    throw new IllegalArgumentException("diagnostic names must not contain commas, quotes or newlines: " + d);
                }
                if (STANDARD.contains(d)) {
                    throw new IllegalArgumentException("diagnostic '" + d + "' repeats a standard progress.csv column");
                }
                header.add(d);
            }
            out.write(String.join(",", header));
            out.write('\n');
        }
        for (String key : diagnostics.keySet()) {
            if (!diagnosticNames.contains(key)) {
                throw new IllegalStateException("diagnostic '" + key + "' was not reported by the first iteration "
                        + "(progress.csv columns are fixed by it: " + diagnosticNames + ")");
            }
        }
        StringBuilder row = new StringBuilder(128);
        for (int i = 0; i < standard.length; i++) {
            if (i > 0) row.append(',');
            String name = STANDARD.get(i);
            if (name.equals("Iteration") || name.equals("TotalEnvSteps") || name.equals("NumTrajs")) {
                row.append((long) standard[i]);
            } else if (Double.isNaN(standard[i])) {
                row.append(""); // no finished episode this iteration: an empty cell, pandas reads NaN
            } else {
                row.append(format(standard[i]));
            }
        }
        for (String d : diagnosticNames) {
            row.append(',');
            Double v = diagnostics.get(d);
            if (v != null) row.append(format(v));
        }
        row.append('\n');
        out.write(row.toString());
        out.flush();
    }

    /** AverageReturn of the last kept row that had one (NaN if none), for a run resumed with no work left. */
    double lastAverageReturn() {
        return lastAverageReturn;
    }

    /**
     * A progress.csv read back: the header's columns and one row of doubles per iteration (an empty cell is NaN).
     * A last line that is torn (a run still writing it, or killed while it did) is left out; a malformed line
     * anywhere else is an IOException naming the file and the line.
     */
    public record Table(List<String> columns, List<double[]> rows) {
        public Table {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }

        /** The values of one column, by name; an IOException-free lookup for the standard columns. */
        public double[] column(String name) {
            int c = columns.indexOf(name);
            if (c < 0) throw new IllegalArgumentException("progress.csv has no column " + name + " (columns: " + columns + ")");
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) v[i] = rows.get(i)[c];
            return v;
        }

        public boolean hasColumn(String name) {
            return columns.contains(name);
        }

        public long[] totalEnvSteps() {
            double[] d = column("TotalEnvSteps");
            long[] v = new long[d.length];
            for (int i = 0; i < v.length; i++) v[i] = (long) d[i];
            return v;
        }

        public double[] averageReturns() {
            return column("AverageReturn");
        }

        public int[] numTrajs() {
            double[] d = column("NumTrajs");
            int[] v = new int[d.length];
            for (int i = 0; i < v.length; i++) v[i] = (int) d[i];
            return v;
        }
    }

    /**
     * The lines of a progress.csv with the wall-clock cells (Time, ItrTime) blanked: what must be bit-identical
     * between two runs of the same config, whatever the threads, jobs or machines.
     */
    public static List<String> withoutTimeColumns(Path file) throws IOException {
        int time = STANDARD.indexOf("Time"), itrTime = STANDARD.indexOf("ItrTime");
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] c = line.split(",", -1);
            if (out.isEmpty() || c.length <= itrTime) {
                out.add(line); // the header, or a torn line kept as it is
                continue;
            }
            c[time] = "";
            c[itrTime] = "";
            out.add(String.join(",", c));
        }
        return out;
    }

    /** Reads {@code file} (see {@link Table}); a file without the standard columns is an IOException. */
    public static Table read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) return new Table(STANDARD, List.of());
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        if (!header.subList(0, Math.min(header.size(), STANDARD.size())).equals(STANDARD)) {
            throw new IOException(file + " does not start with the standard progress.csv columns " + STANDARD);
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            boolean last = i == lines.size() - 1;
            double[] row = cells.length == header.size() ? parseRow(cells) : null;
            if (row == null) {
                if (last) break;
                throw new IOException(file + ": line " + (i + 1) + " is malformed");
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    private static double[] parseRow(String[] cells) {
        double[] row = new double[cells.length];
        try {
            for (int c = 0; c < cells.length; c++) row[c] = parse(cells[c]);
        } catch (NumberFormatException e) {
            return null;
        }
        return row;
    }

    static double parse(String cell) {
        return switch (cell) {
            case "", "NaN", "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(cell);
        };
    }

    static String format(double v) {
        if (v == Double.POSITIVE_INFINITY) return "inf";
        if (v == Double.NEGATIVE_INFINITY) return "-inf";
        return Double.toString(v);
    }

    @Override
    public void close() throws IOException {
        if (out != null) out.close();
    }
}

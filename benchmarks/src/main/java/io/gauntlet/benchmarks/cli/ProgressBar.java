package io.gauntlet.benchmarks.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One line on stderr, redrawn in place: steps done of the budget, the latest average return, and the ETA. Drawn
 * only when the program talks to a terminal ({@link System#console()}); otherwise every call is a no-op, so logs
 * and pipes stay clean.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean enabled;
    private final String label;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private long startSteps = -1;
    private boolean drawn;

    ProgressBar(String label) {
        this(label, System.err, System.console() != null);
    }

    ProgressBar(String label, PrintStream err, boolean enabled) {
        this.label = label;
        this.err = err;
        this.enabled = enabled;
    }

    synchronized void update(long done, long total, double averageReturn, String extra) {
        if (!enabled) return;
        long now = System.nanoTime();
        if (startSteps < 0) startSteps = done; // a resumed run: ETA from the steps made in this process
        if (done < total && now - lastDrawNanos < 100_000_000L) return;
        double elapsed = (now - startNanos) * 1e-9;
        long made = done - startSteps;
        String eta = made <= 0 || done >= total ? "--:--" : clock(elapsed * (total - done) / made);
        String ret = Double.isNaN(averageReturn) ? "-" : String.format(Locale.ROOT, "%.1f", averageReturn);
        draw(total <= 0 ? 1 : (double) done / total, String.format(Locale.ROOT, "%d/%d steps  return %s  ETA %s%s",
                done, total, ret, eta, extra == null ? "" : "  " + extra));
    }

    /** Redraws the bar at {@code fraction} done with {@code text} after it (drawn at most every 100 ms until done). */
    synchronized void draw(double fraction, String text) {
        if (!enabled) return;
        long now = System.nanoTime();
        if (fraction < 1 && now - lastDrawNanos < 100_000_000L && drawn) return;
        lastDrawNanos = now;
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * WIDTH);
        err.print(String.format(Locale.ROOT, "\r%s [%s%s] %s\u001b[K", label, "#".repeat(filled), " ".repeat(WIDTH - filled), text));
        err.flush();
        drawn = true;
    }

    /** Prints {@code line} on its own line above the bar (always, terminal or not); the bar is redrawn by the next draw. */
    synchronized void println(String line) {
        if (enabled && drawn) err.print("\r\u001b[K");
        err.println(line);
        err.flush();
        lastDrawNanos = 0;
    }

    synchronized void finish() {
        if (enabled && drawn) {
            err.println();
            drawn = false;
        }
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}

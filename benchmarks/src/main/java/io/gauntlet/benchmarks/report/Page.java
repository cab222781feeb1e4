package io.gauntlet.benchmarks.report;

import static io.gauntlet.benchmarks.report.Report.esc;
import static io.gauntlet.benchmarks.report.Report.meanStd;
import static io.gauntlet.benchmarks.report.Report.num;

import io.gauntlet.benchmarks.suite.SweepStatus;
import io.gauntlet.core.experiment.Provenance;
import io.gauntlet.core.stats.Stats;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report's index.html. Everything it shows is on the machine: images and CSV files beside it, an inline style,
 * no script; its Content-Security-Policy forbids scripts and any fetch from the network, and every name in it (task,
 * algorithm, directory, error) is escaped.
 */
final class Page {
    private Page() {}

    private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:1200px;color:#222}"
            + "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right;vertical-align:top}"
            + "th:first-child,td:first-child{text-align:left}td.best{font-weight:bold}img{max-width:100%;height:auto}"
            + ".note{color:#555;font-size:90%}.seeds{display:block;color:#666;font-size:80%;font-weight:normal}.n{color:#666;font-size:85%}"
            + "nav a{margin-right:1em}.runs a{margin-left:.3em}.failed{color:#b00}";

    static String html(Path resultsDir, Path out, Map<String, List<Summary>> tasks, Map<String, String> charts, String chartProblem,
            Aggregates a, Set<String> algos, List<SweepStatus.Run> sweep, AcceptanceReport.Table acceptance) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' file: data:; style-src 'unsafe-inline'\">\n")
                .append("<title>Gauntlet report</title>\n<style>").append(STYLE).append("</style></head><body>\n")
                .append("<h1>Gauntlet report</h1>\n<p class=\"note\">Runs under <code>").append(esc(resultsDir.toString()))
                .append("</code>, reported by Gauntlet ").append(esc(Provenance.version()));
        String commit = Provenance.commit();
        h.append(commit == null ? " (commit unknown)" : " at commit <code>" + esc(commit) + "</code>").append(".</p>\n");
        if (sweep != null) status(h, sweep);
        if (chartProblem != null) h.append("<p><strong>").append(esc(chartProblem)).append("</strong></p>\n");

        h.append("<nav>");
        if (a != null) h.append("<a href=\"#aggregate\">Across tasks</a>");
        h.append("<a href=\"#table1\">Table 1</a>");
        int i = 0;
        for (String env : tasks.keySet()) h.append("<a href=\"#task-").append(i++).append("\">").append(esc(env)).append("</a>");
        h.append("<a href=\"#runs\">Runs</a>");
        if (acceptance != null) h.append("<a href=\"#acceptance\">Acceptance</a>");
        h.append("</nav>\n");
        h.append("<p class=\"note\">Returns are average undiscounted episode returns. Each task compares its algorithms at its ")
                .append("<em>common budget</em>, the most env steps every run on the task has made, so runs given different ")
                .append("budgets (or still running) are compared at equal ones; each row also gives its own budget and final return. ")
                .append("Mean &plusmn; standard deviation over seeds, per-seed values below. Bold: the best mean and those not ")
                .append("significantly worse by Welch's t-test (p &ge; 0.05), when both have at least ").append(Summary.SEEDS_FOR_A_TEST)
                .append(" seeds (rllab ran 5; with fewer the test can tell almost nothing apart, so only the best is bold). ")
                .append("Bands: Student-t 95% intervals of the mean, kept within the lowest and highest seed. ")
                .append("Every chart is also an SVG, every table a CSV file, in this directory.</p>\n");

        if (a != null) aggregates(h, a);
        table1(h, tasks, algos);
        i = 0;
        for (var e : tasks.entrySet()) task(h, i++, e.getKey(), e.getValue(), charts.get(e.getKey()), out);
        runs(h, tasks, out);
        if (acceptance != null) h.append(AcceptanceReport.html(acceptance));
        return h.append("</body></html>\n").toString();
    }

    private static void status(StringBuilder h, List<SweepStatus.Run> sweep) {
        Map<SweepStatus.State, Integer> count = new TreeMap<>();
        for (SweepStatus.Run r : sweep) count.merge(r.state(), 1, Integer::sum);
        int finished = count.getOrDefault(SweepStatus.State.FINISHED, 0);
        h.append("<p>Sweep: <strong>").append(finished).append(" of ").append(sweep.size()).append(" runs finished</strong>");
        if (finished < sweep.size()) {
            h.append(", ").append(count.getOrDefault(SweepStatus.State.STARTED, 0)).append(" started (running or interrupted), ")
                    .append(count.getOrDefault(SweepStatus.State.FAILED, 0)).append(" failed, ")
                    .append(count.getOrDefault(SweepStatus.State.PENDING, 0)).append(" not started: the figures below cover what has been run so far");
        }
        h.append(".</p>\n");
        List<SweepStatus.Run> failed = sweep.stream().filter(r -> r.state() == SweepStatus.State.FAILED).toList();
        if (!failed.isEmpty()) {
            h.append("<ul class=\"failed\">");
            for (SweepStatus.Run r : failed) {
                h.append("<li>").append(esc(r.planned().directory())).append(": ").append(esc(r.error() == null ? "" : r.error())).append("</li>");
            }
            h.append("</ul>\n");
        }
    }

    private static void figure(StringBuilder h, String base, String alt) {
        h.append("<p><img src=\"").append(href(base + ".png")).append("\" alt=\"").append(esc(alt)).append("\"><br><a href=\"")
                .append(href(base + ".svg")).append("\">SVG</a></p>\n");
    }

    private static void aggregates(StringBuilder h, Aggregates a) {
        h.append("<h2 id=\"aggregate\">Across tasks</h2>\n<p class=\"note\">As rliable (Agarwal et al. 2021): each run's return at ")
                .append("its task's common budget, normalised (random policy = 0, the task's reference = 1; ")
                .append("<a href=\"").append(Tables.REFERENCES).append("\">references.csv</a>); interquartile mean and mean over ")
                .append("all of an algorithm's runs with stratified bootstrap 95% intervals (").append(Aggregates.RESAMPLES)
                .append(" resamples, runs resampled within each task); performance profiles; probability of improvement over the ")
                .append("tasks both algorithms ran. An algorithm is aggregated over the tasks it ran that have references.</p>\n");
        figure(h, "aggregate", "IQM and mean normalised score per algorithm with 95% intervals");
        h.append("<table><tr><th>Algorithm</th><th>Tasks</th><th>IQM [95% CI]</th><th>Mean [95% CI]</th></tr>\n");
        for (String algo : a.algos()) {
            Stats.Interval iqm = a.iqm().get(algo), mean = a.mean().get(algo);
            h.append("<tr><td>").append(esc(algo)).append("</td><td>").append(a.tasks().get(algo).size()).append("</td><td>")
                    .append(num(iqm.estimate())).append(" [").append(num(iqm.low())).append(", ").append(num(iqm.high()))
                    .append("]</td><td>").append(num(mean.estimate())).append(" [").append(num(mean.low())).append(", ")
                    .append(num(mean.high())).append("]</td></tr>\n");
        }
        h.append("</table>\n<p class=\"note\">CSV: <a href=\"").append(Tables.AGGREGATE).append("\">aggregate.csv</a>, <a href=\"")
                .append(Tables.PROFILES).append("\">profiles.csv</a>, <a href=\"").append(Tables.IMPROVEMENT).append("\">improvement.csv</a>.");
        if (!a.leftOut().isEmpty()) {
            h.append(" Left out (no references; add them with <code>report --references FILE</code>): ")
                    .append(esc(String.join(", ", a.leftOut()))).append('.');
        }
        h.append("</p>\n");
        figure(h, "profiles", "performance profiles: fraction of runs above each normalised score");
        figure(h, "improvement", "probability of improvement between every pair of algorithms");
    }

    private static void table1(StringBuilder h, Map<String, List<Summary>> tasks, Set<String> algos) {
        h.append("<h2 id=\"table1\">Table 1</h2>\n<p class=\"note\">rllab's layout (Duan et al. 2016): tasks &times; algorithms, ")
                .append("the average return over all iterations, mean &plusmn; standard deviation over seeds, bold by the rule above. ")
                .append("A cell whose budget differs from its task's is marked with it. CSV: <a href=\"").append(Tables.TABLE1)
                .append("\">table1.csv</a>.</p>\n<table><tr><th>Task</th>");
        for (String algo : algos) h.append("<th>").append(esc(algo)).append("</th>");
        h.append("</tr>\n");
        for (var e : tasks.entrySet()) {
            long usual = usualBudget(e.getValue());
            h.append("<tr><td>").append(esc(e.getKey())).append("<span class=\"seeds\">").append(String.format(Locale.ROOT, "%,d", usual))
                    .append(" steps</span></td>");
            for (String algo : algos) {
                Summary s = e.getValue().stream().filter(x -> x.algo().equals(algo)).findFirst().orElse(null);
                if (s == null) {
                    h.append("<td>&ndash;</td>");
                    continue;
                }
                h.append("<td").append(s.scoreBold() ? " class=\"best\"" : "").append(">").append(meanStd(s.scores()));
                if (s.budget() != usual) h.append("<span class=\"seeds\">").append(String.format(Locale.ROOT, "%,d", s.budget())).append(" steps</span>");
                h.append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /** The budget most of a task's algorithms were given. */
    private static long usualBudget(List<Summary> rows) {
        Map<Long, Integer> count = new TreeMap<>();
        for (Summary s : rows) count.merge(s.budget(), 1, Integer::sum);
        return count.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0L);
    }

    private static void task(StringBuilder h, int index, String env, List<Summary> rows, String chart, Path out) {
        h.append("<h2 id=\"task-").append(index).append("\">").append(esc(env)).append("</h2>\n");
        if (chart != null) {
            figure(h, chart, "learning curves on " + env + " against env steps");
            figure(h, chart + "-seconds", "learning curves on " + env + " against wall-clock seconds");
        }
        long common = rows.isEmpty() ? 0 : rows.get(0).commonSteps();
        h.append("<table><tr><th>Algorithm</th><th>n</th><th>Budget</th><th>Return at ")
                .append(String.format(Locale.ROOT, "%,d", common)).append(" steps</th><th>IQM [95% CI]</th><th>Final return at own budget</th>")
                .append("<th>Score (rllab)</th><th>Steps/s</th><th>Runs (params.json)</th></tr>\n");
        for (Summary s : rows) {
            String cls = s.bold() ? " class=\"best\"" : "";
            h.append("<tr><td").append(cls).append(">").append(esc(s.algo())).append("</td><td>").append(s.seeds()).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%,d", s.budget())).append("</td><td").append(cls).append(">")
                    .append(meanStd(s.atCommon())).append(seeds(s.atCommon())).append("</td><td>").append(num(s.iqm().estimate()))
                    .append(" [").append(num(s.iqm().low())).append(", ").append(num(s.iqm().high())).append("]</td><td>")
                    .append(meanStd(s.finals())).append(seeds(s.finals())).append("</td><td>").append(meanStd(s.scores()))
                    .append("</td><td>").append(num(s.stepsPerSecond())).append("</td><td class=\"runs\">");
            for (RunData r : s.runs()) {
                String mark = switch (r.status()) {
                    case FINISHED -> "";
                    case UNFINISHED -> " (unfinished)";
                    case FAILED -> " (failed)";
                };
                h.append("<a href=\"").append(href(out, r.directory().resolve("params.json"))).append("\" title=\"seed ").append(r.seed())
                        .append(mark).append("\">").append(r.seed()).append(r.status() == RunData.Status.FINISHED ? "" : "*").append("</a>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String seeds(double[] x) {
        if (x.length < 2) return "";
        List<String> v = new ArrayList<>();
        for (double d : x) v.add(num(d));
        return "<span class=\"seeds\">" + String.join(", ", v) + "</span>";
    }

    private static void runs(StringBuilder h, Map<String, List<Summary>> tasks, Path out) {
        h.append("<h2 id=\"runs\">Runs</h2>\n<p class=\"note\">Cost: env steps per wall-clock second of every run (a resumed ")
                .append("run's time adds up across its attempts). * marks a run not finished. CSV: <a href=\"").append(Tables.RUNS)
                .append("\">runs.csv</a>.</p>\n<table><tr><th>Task</th><th>Algorithm</th><th>Seed</th><th>Status</th><th>Env steps</th>")
                .append("<th>Seconds</th><th>Steps/s</th><th>Final return</th></tr>\n");
        for (var e : tasks.entrySet()) {
            for (Summary s : e.getValue()) {
                for (RunData r : s.runs()) {
                    double seconds = r.seconds().length == 0 ? Double.NaN : r.seconds()[r.seconds().length - 1];
                    h.append("<tr><td>").append(esc(r.env())).append("</td><td>").append(esc(r.algo())).append("</td><td><a href=\"")
                            .append(href(out, r.directory().resolve("params.json"))).append("\">").append(r.seed()).append("</a></td><td>")
                            .append(r.status().name().toLowerCase(Locale.ROOT)).append("</td><td>")
                            .append(String.format(Locale.ROOT, "%,d", r.lastSteps())).append("</td><td>").append(num(seconds))
                            .append("</td><td>").append(num(r.stepsPerSecond())).append("</td><td>").append(num(r.finalReturn()))
                            .append("</td></tr>\n");
                }
            }
        }
        h.append("</table>\n");
    }

    /** A link to {@code target} relative to the page's directory, every segment percent-encoded. */
    static String href(Path out, Path target) {
        Path rel = out.toAbsolutePath().normalize().relativize(target.toAbsolutePath().normalize());
        List<String> parts = new ArrayList<>();
        for (Path p : rel) parts.add(p.toString());
        return href(String.join("/", parts));
    }

    /** A relative URL with each path segment percent-encoded (a ':' or '@' in a task id stays a path). */
    static String href(String relative) {
        List<String> parts = new ArrayList<>();
        for (String p : relative.split("/", -1)) {
            parts.add(p.equals("..") || p.equals(".") ? p : URLEncoder.encode(p, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return esc(String.join("/", parts));
    }
}

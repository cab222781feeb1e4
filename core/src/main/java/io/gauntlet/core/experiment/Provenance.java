package io.gauntlet.core.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Where a result came from: project version (filtered into a resource at build time), the git commit of the
 * checkout the code was built in (asked of git at run time; absent when there is no git or no repository),
 * JVM, OS, cores, whether the dense kernels ran on the Vector API, and start time.
 */
public final class Provenance {
    private static final String VERSION = readVersion();
    private static volatile String[] git;

    private Provenance() {}

    static Map<String, Object> now() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("gauntletVersion", VERSION);
        String[] g = git();
        p.put("gitCommit", g[0]);
        p.put("gitDirty", g[1] == null ? null : Boolean.valueOf(g[1]));
        p.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        p.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        p.put("cpus", Runtime.getRuntime().availableProcessors());
        p.put("vectorApi", io.gauntlet.core.nn.Gemm.VECTOR_API); // the kernels' path: speed only, the same results
        p.put("startTime", Instant.now().toString());
        return p;
    }

    /** The project version this code was built as. */
    public static String version() {
        return VERSION;
    }

    /** The git commit of the checkout the code was built in, or null (no git, no repository); "+dirty" if changed. */
    public static String commit() {
        String[] g = git();
        return g[0] == null ? null : g[0] + ("true".equals(g[1]) ? "+dirty" : "");
    }

    private static String readVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/io/gauntlet/core/version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** {commit, dirty} of the repository around the code's location, or nulls; computed once per process. */
    private static String[] git() {
        String[] g = git;
        if (g == null) {
            g = new String[2];
            try {
                Path dir = codeDirectory();
                if (dir != null) {
                    g[0] = runGit(dir, "rev-parse", "HEAD");
                    if (g[0] != null) {
                        String status = runGit(dir, "status", "--porcelain", "--untracked-files=no");
                        g[1] = status == null ? null : Boolean.toString(!status.isEmpty());
                    }
                }
            } catch (RuntimeException e) {
                g = new String[2];
            }
            git = g;
        }
        return g;
    }

    private static Path codeDirectory() {
        try {
            Path p = Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path d = p; d != null; d = d.getParent()) {
                if (Files.exists(d.resolve(".git"))) return d;
            }
        } catch (Exception e) {
            // no code source (unusual class loader): no commit to report
        }
        return null;
    }

    private static String runGit(Path dir, String... args) {
        try {
            String[] cmd = new String[args.length + 3];
            cmd[0] = "git";
            cmd[1] = "-C";
            cmd[2] = dir.toString();
            System.arraycopy(args, 0, cmd, 3, args.length);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

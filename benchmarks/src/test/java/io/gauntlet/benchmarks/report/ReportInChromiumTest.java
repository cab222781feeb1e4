package io.gauntlet.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a person sees it: index.html opened in headless Chromium (Debian's, which .ci/run installs), driven
 * through the DevTools protocol. Every image loads (and every SVG beside it), the tables are there, no request leaves
 * the machine, and a task or algorithm id holding markup stays text. Skipped, saying why, only where no Chromium is
 * installed.
 */
class ReportInChromiumTest {
    @TempDir Path tmp;

    static final ObjectMapper JSON = new ObjectMapper();
    static final String MARKUP = "<script>window.pwned=1</script><img src=x onerror=window.pwned=2>";

    static Path chromium() {
        for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(p))) return Path.of(p);
        }
        return null;
    }

    @Test
    void theReportRendersOfflineWithEveryChartAndTableAndNoMarkupFromIds() throws Exception {
        Path browser = chromium();
        Assumptions.assumeTrue(browser != null,
                "no Chromium found (/usr/bin/chromium): .ci/run installs Debian's chromium; as root: apt-get install chromium");
        Path runs = tmp.resolve("runs");
        long[] steps = {1000, 2000, 3000};
        for (int s = 0; s < 3; s++) {
            ReportTest.fixture(runs, "CartPole-v1", "ppo", s, steps, ReportTest.values(20 + s, 100 + s, 400 + 10 * s));
            ReportTest.fixture(runs, "CartPole-v1", "random", s, steps, ReportTest.values(21, 22 - s, 20 + s));
            ReportTest.fixture(runs, "Pendulum-v1", "ppo", s, steps, ReportTest.values(-1200, -900 + s, -300 - 20 * s));
            ReportTest.fixture(runs, MARKUP, "ppo", s, steps, ReportTest.values(1, 2, 3 + s));
        }
        Path out = tmp.resolve("report");
        Report.Result r = Report.write(runs, out);
        assertTrue(r.aggregates() != null && r.chartProblem() == null);

        Process p = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + tmp.resolve("profile"), "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (DevTools page = DevTools.attach(p)) {
            page.call("Network.enable", Map.of());
            page.call("Page.enable", Map.of());
            page.call("Page.navigate", Map.of("url", out.resolve("index.html").toUri().toString()));
            page.awaitEvent("Page.loadEventFired", 30);
            JsonNode seen = page.evaluate("""
                    (async () => {
                      const images = [...document.images].map(i => ({src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0}));
                      const svgs = await Promise.all([...document.querySelectorAll('a[href$=".svg"]')].map(a => new Promise(done => {
                        const img = new Image();
                        img.onload = () => done({src: a.getAttribute('href'), ok: img.naturalWidth > 0});
                        img.onerror = () => done({src: a.getAttribute('href'), ok: false});
                        img.src = a.href;
                      })));
                      return {images, svgs, tables: [...document.querySelectorAll('table')].map(t => t.rows.length),
                        ids: [...document.querySelectorAll('h2[id]')].map(h => h.id), scripts: document.scripts.length,
                        handlers: document.querySelectorAll('[onerror]').length, pwned: window.pwned === undefined ? null : window.pwned,
                        text: document.body.textContent};
                    })()""");
            List<String> broken = new ArrayList<>();
            for (JsonNode i : seen.get("images")) if (!i.get("ok").asBoolean()) broken.add(i.get("src").asText());
            for (JsonNode i : seen.get("svgs")) if (!i.get("ok").asBoolean()) broken.add(i.get("src").asText());
            assertEquals(List.of(), broken, "images that did not load");
            assertEquals(3 + 2 * 3, seen.get("images").size(), "aggregate, profiles, improvement and two charts per task");
            assertEquals(seen.get("images").size(), seen.get("svgs").size(), "every chart also as SVG");
            // the aggregate table, Table 1, a table per task, the runs
            assertEquals(1 + 1 + 3 + 1, seen.get("tables").size());
            for (JsonNode rows : seen.get("tables")) assertTrue(rows.asInt() >= 2, "a table with rows");
            List<String> ids = new ArrayList<>();
            seen.get("ids").forEach(i -> ids.add(i.asText()));
            assertTrue(ids.containsAll(List.of("aggregate", "table1", "task-0", "runs")), ids.toString());
            assertEquals(0, seen.get("scripts").asInt(), "no script element");
            assertEquals(0, seen.get("handlers").asInt(), "no event handler attribute");
            assertTrue(seen.get("pwned").isNull(), "nothing from an id ran");
            assertTrue(seen.get("text").asText().contains(MARKUP), "the id shows as text");

            List<String> requests = page.requests();
            assertFalse(requests.isEmpty(), "the page's own requests are seen");
            for (String url : requests) assertTrue(url.startsWith("file:") || url.startsWith("data:"), "a request off the machine: " + url);
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            // Chromium's profile links to its own temp files: remove the links so the temp dir's cleanup stays quiet
            try (java.util.stream.Stream<Path> s = Files.walk(tmp.resolve("profile"))) {
                for (Path link : s.filter(Files::isSymbolicLink).toList()) Files.deleteIfExists(link);
            } catch (java.io.IOException ignored) {
                // the cleanup then says so itself
            }
        }
    }

    /** One page of a Chromium started with --remote-debugging-port=0, over the DevTools protocol (a WebSocket). */
    static final class DevTools implements WebSocket.Listener, AutoCloseable {
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final List<JsonNode> events = new CopyOnWriteArrayList<>();
        private final AtomicInteger ids = new AtomicInteger();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static DevTools attach(Process chromium) throws Exception {
            BufferedReader err = new BufferedReader(new InputStreamReader(chromium.getErrorStream(), StandardCharsets.UTF_8));
            Pattern listening = Pattern.compile("DevTools listening on ws://127\\.0\\.0\\.1:(\\d+)/");
            String port = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (String line; port == null && System.nanoTime() < deadline && (line = err.readLine()) != null; ) {
                Matcher m = listening.matcher(line);
                if (m.find()) port = m.group(1);
            }
            if (port == null) throw new IllegalStateException("Chromium did not open its DevTools port");
            Thread drain = new Thread(() -> {
                try {
                    while (err.readLine() != null) {
                        // Chromium's own log: read so it never blocks on a full pipe
                    }
                } catch (java.io.IOException ignored) {
                    // the browser ended
                }
            });
            drain.setDaemon(true);
            drain.start();
            HttpClient http = HttpClient.newHttpClient();
            String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String ws = null;
            for (JsonNode t : JSON.readTree(list)) if (t.path("type").asText().equals("page")) ws = t.get("webSocketDebuggerUrl").asText();
            DevTools d = new DevTools();
            d.socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), d).get(30, TimeUnit.SECONDS);
            return d;
        }

        JsonNode call(String method, Map<String, ?> params) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> reply = new CompletableFuture<>();
            pending.put(id, reply);
            ObjectNode m = JSON.createObjectNode().put("id", id).put("method", method);
            m.set("params", JSON.valueToTree(params));
            socket.sendText(JSON.writeValueAsString(m), true).get(30, TimeUnit.SECONDS);
            JsonNode r = reply.get(60, TimeUnit.SECONDS);
            if (r.has("error")) throw new IllegalStateException(method + ": " + r.get("error"));
            return r.get("result");
        }

        /** The value of a JavaScript expression (a promise is awaited). */
        JsonNode evaluate(String expression) throws Exception {
            JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
            if (r.has("exceptionDetails")) throw new IllegalStateException("script failed: " + r.get("exceptionDetails"));
            return r.get("result").get("value");
        }

        void awaitEvent(String method, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (events.stream().noneMatch(e -> e.path("method").asText().equals(method))) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("no " + method + " within " + seconds + " s");
                Thread.sleep(20);
            }
        }

        /** The URL of every request the page made. */
        List<String> requests() {
            List<String> urls = new ArrayList<>();
            for (JsonNode e : events) {
                if (e.path("method").asText().equals("Network.requestWillBeSent")) urls.add(e.path("params").path("request").path("url").asText());
            }
            return urls;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode m = JSON.readTree(partial.toString());
                    if (m.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
                        if (f != null) f.complete(m);
                    } else {
                        events.add(m);
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}

package dev.pyquest.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fargate_entry.py against a local HTTP server standing in for S3's presigned URLs. */
@Timeout(30)
class FargateEntryTest {
    PresignedUrls urls;

    @BeforeEach
    void start() throws IOException {
        urls = new PresignedUrls();
    }

    @AfterEach
    void stop() {
        urls.close();
    }

    int entry(String jobUrl, String resultUrl) throws Exception {
        return entry(jobUrl, resultUrl, java.util.Map.of());
    }

    int entry(String jobUrl, String resultUrl, java.util.Map<String, String> env) throws Exception {
        Path script = Path.of(LocalSandbox.class.getResource("fargate_entry.py").toURI());
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-I", "-S", "-B", script.toString())
                .redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("JOB_URL", jobUrl);
        pb.environment().put("RESULT_URL", resultUrl);
        pb.environment().putAll(env);
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        System.out.println("fargate_entry: exit " + exit + ": " + log.strip());
        return exit;
    }

    @Test
    void downloadsRunsAndUploadsTheReport() throws Exception {
        urls.job = Jobs.of("import os\ndef f(x):\n    return [x * 2, os.environ.get('RESULT_URL'), os.environ.get('JOB_URL')]\n")
                .test("t", "[21]").bytes();
        assertEquals(0, entry(urls.jobUrl(), urls.resultUrl()));
        assertEquals(1, urls.uploads.size());
        JsonNode r = Jobs.parse(urls.uploads.get(0)).path("results").get(0);
        assertEquals("OK", r.path("status").asText(), r.toString());
        assertEquals("[42,null,null]", r.path("value").toString()); // the URLs never reach the learner's code
    }

    @Test
    void publicAndHiddenTestsRunInSeparateRunners() throws Exception {
        // Each run's process sees only its own tests: a module-level counter restarts with the hidden run.
        String code = "import os\nCALLS = []\ndef f(x):\n    CALLS.append(x)\n    return [x, os.getpid()]\n";
        com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode)
                Jobs.parse(Jobs.of(code).test("p1", "[1]").test("p2", "[2]").test("h1", "[3]").bytes());
        doc.put("publicCount", 2);
        urls.job = doc.toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(0, entry(urls.jobUrl(), urls.resultUrl()));
        JsonNode results = Jobs.parse(urls.uploads.get(0)).path("results");
        assertEquals(3, results.size(), results.toString());
        for (int i = 0; i < 3; i++) assertEquals(i + 1, results.get(i).path("value").get(0).asInt(), results.toString());
        assertNotEquals(results.get(1).path("value").get(1), results.get(2).path("value").get(1),
                "the hidden test ran in the public run's process");
    }

    @Test
    void theHiddenRunReportsTheRunnersWordsOnlyAndIsSkippedAfterAPublicTimeOut() throws Exception {
        String code = "def f(x):\n    if x == 0:\n        while True:\n            pass\n"
                + "    print('input', x)\n    raise ValueError('input %d' % x)\n";
        urls.job = Jobs.of(code).test("p1", "[6]").test("h1", "[300]").publicCount(1).bytes();
        assertEquals(0, entry(urls.jobUrl(), urls.resultUrl()));
        JsonNode results = Jobs.parse(urls.uploads.get(0)).path("results");
        assertTrue(results.get(0).path("stdout").asText().contains("input 6"), results.toString());
        assertEquals("the code raised an exception", results.get(1).path("error").asText(), results.toString());
        assertTrue(!results.get(1).toString().contains("300"), results.toString());

        urls.uploads.clear();
        urls.job = Jobs.of(code).test("p1", "[0]").test("h1", "[300]").test("h2", "[301]").publicCount(1).limit("timeMs", 300).bytes();
        long t0 = System.nanoTime();
        assertEquals(0, entry(urls.jobUrl(), urls.resultUrl()));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        results = Jobs.parse(urls.uploads.get(0)).path("results");
        assertEquals(List.of("TIME_LIMIT", "NOT_RUN", "NOT_RUN"), results.findValuesAsText("status"), results.toString());
        assertEquals(List.of("p1", "h1", "h2"), results.findValuesAsText("name"));
        assertTrue(ms < 2500, "the hidden run was skipped: " + ms + " ms");
    }

    /**
     * A run that ended without a usable report exits 3, which RecordError counts as the learner's
     * attempt (JudgeFailure); a runner that refused the job (exit 2, nothing ran) and a failed upload are
     * ours and exit 1. Nothing is uploaded either way.
     */
    @Test
    void aRunThatEndsWithoutAReportExitsThreeARefusedJobOne(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        urls.job = Jobs.of("def f(x):\n    return x\n").test("t", "[1]").bytes();
        for (var c : java.util.Map.of(1, 3, 9, 3, 2, 1).entrySet()) {
            Path runner = dir.resolve("runner_" + c.getKey() + ".py");
            java.nio.file.Files.writeString(runner, "import sys\nsys.stdin.buffer.read()\nsys.exit(" + c.getKey() + ")\n");
            assertEquals(c.getValue(), entry(urls.jobUrl(), urls.resultUrl(), java.util.Map.of("RUNNER_PATH", runner.toString())),
                    "runner exit " + c.getKey());
        }
        assertEquals(List.of(), urls.uploads);
    }

    /**
     * On Fargate the entry runs under the task's init (InitProcessEnabled), not as pid 1: what a run
     * leaves behind in a session of its own (past the runner's process-group kill) must still be
     * dead before the report is uploaded. A stand-in runner (RUNNER_PATH) leaves such a daemon.
     */
    @Test
    void whatARunLeavesBehindIsDeadBeforeTheUpload(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("daemon.pid");
        Path runner = dir.resolve("leaky_runner.py");
        java.nio.file.Files.writeString(runner, """
                import os, sys, time
                sys.stdin.buffer.read()
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        fd = os.open(os.devnull, os.O_RDWR)
                        for n in (0, 1, 2):
                            os.dup2(fd, n)
                        with open(%s, "w") as f:
                            f.write(str(os.getpid()))
                        time.sleep(60)
                    os._exit(0)
                while not os.path.exists(%s):
                    time.sleep(0.01)
                time.sleep(0.05)
                print('{"compile":{"ok":true},"results":[{"name":"t","status":"OK","value":1,"stdout":"","timeMs":0}]}')
                """.formatted(pyString(pidFile), pyString(pidFile)));
        List<Boolean> aliveAtUpload = new CopyOnWriteArrayList<>();
        urls.onUpload = () -> {
            try {
                long pid = Long.parseLong(java.nio.file.Files.readString(pidFile).trim());
                aliveAtUpload.add(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        urls.job = Jobs.of("def f():\n    return 1\n").test("t", "[]").bytes();
        try {
            assertEquals(0, entry(urls.jobUrl(), urls.resultUrl(), java.util.Map.of("RUNNER_PATH", runner.toString())));
            assertEquals(List.of(false), aliveAtUpload, "the run's daemon was alive when the report was uploaded");
        } finally {
            if (java.nio.file.Files.exists(pidFile)) {
                ProcessHandle.of(Long.parseLong(java.nio.file.Files.readString(pidFile).trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static String pyString(Path p) {
        return "'" + p.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void aMissingJobUploadsNothingAndFails() throws Exception {
        urls.job = null;
        assertNotEquals(0, entry(urls.jobUrl(), urls.resultUrl()));
        assertTrue(urls.uploads.isEmpty());
    }

    @Test
    void aFailingUploadFails() throws Exception {
        urls.job = Jobs.of("def f():\n    return 1\n").test("t", "[]").bytes();
        assertNotEquals(0, entry(urls.jobUrl(), urls.nowhereUrl()));
        urls.close();
        assertNotEquals(0, entry(urls.jobUrl(), urls.resultUrl()));
    }
}

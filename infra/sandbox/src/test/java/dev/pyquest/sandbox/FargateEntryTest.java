package dev.pyquest.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
    HttpServer server;
    volatile byte[] job;
    final List<byte[]> uploads = new CopyOnWriteArrayList<>();
    String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/job", ex -> {
            byte[] body = job;
            if (body == null || !ex.getRequestMethod().equals("GET")) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.createContext("/result", ex -> {
            if (ex.getRequestMethod().equals("PUT")) uploads.add(ex.getRequestBody().readAllBytes());
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    int entry(String jobUrl, String resultUrl) throws Exception {
        Path script = Path.of(LocalSandbox.class.getResource("fargate_entry.py").toURI());
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-I", "-S", "-B", script.toString())
                .redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("JOB_URL", jobUrl);
        pb.environment().put("RESULT_URL", resultUrl);
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        System.out.println("fargate_entry: exit " + exit + ": " + log.strip());
        return exit;
    }

    @Test
    void downloadsRunsAndUploadsTheReport() throws Exception {
        job = Jobs.of("import os\ndef f(x):\n    return [x * 2, os.environ.get('RESULT_URL'), os.environ.get('JOB_URL')]\n")
                .test("t", "[21]").bytes();
        assertEquals(0, entry(base + "/job", base + "/result"));
        assertEquals(1, uploads.size());
        JsonNode r = Jobs.parse(uploads.get(0)).path("results").get(0);
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
        job = doc.toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(0, entry(base + "/job", base + "/result"));
        JsonNode results = Jobs.parse(uploads.get(0)).path("results");
        assertEquals(3, results.size(), results.toString());
        for (int i = 0; i < 3; i++) assertEquals(i + 1, results.get(i).path("value").get(0).asInt(), results.toString());
        assertNotEquals(results.get(1).path("value").get(1), results.get(2).path("value").get(1),
                "the hidden test ran in the public run's process");
    }

    @Test
    void aMissingJobUploadsNothingAndFails() throws Exception {
        job = null;
        assertNotEquals(0, entry(base + "/job", base + "/result"));
        assertTrue(uploads.isEmpty());
    }

    @Test
    void aFailingUploadFails() throws Exception {
        job = Jobs.of("def f():\n    return 1\n").test("t", "[]").bytes();
        assertNotEquals(0, entry(base + "/job", base + "/nowhere-" + "x".repeat(3)));
        server.stop(0);
        assertNotEquals(0, entry(base + "/job", base + "/result"));
    }
}

package dev.pyquest.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every hostile program of {@code hostile/box/} (see {@link HostileProgram} for the format) as a job
 * of the real bubblewrap box, through {@link LocalSandbox#run}: the report must hold what its file
 * declares. The programs that need more than a report to judge (a listening host socket, processes
 * left on the host, two runs compared) stay in {@link LocalSandboxIT}.
 */
class HostileProgramsIT {
    static final Path BOX = resource("hostile/box");
    static LocalSandbox box;

    @BeforeAll
    static void up() {
        box = new LocalSandbox();
    }

    @AfterAll
    static void down() {
        box.close();
    }

    static Path resource(String name) {
        try {
            return Path.of(HostileProgramsIT.class.getClassLoader().getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Jobs job(HostileProgram p) {
        Jobs job = Jobs.of(p.one("function", "f"), p.code());
        for (String t : p.all("test")) {
            String[] nameArgs = t.split(" ", 2);
            job.test(nameArgs[0], nameArgs[1]);
        }
        for (String l : p.all("limit")) {
            String[] kv = l.split("=", 2);
            job.limit(kv[0].strip(), Integer.parseInt(kv[1].strip()));
        }
        if (p.one("inputs-unchanged", "false").equals("true")) job.inputsUnchanged();
        if (!p.one("public-count", "").isEmpty()) job.publicCount(Integer.parseInt(p.one("public-count", "")));
        return job;
    }

    @TestFactory
    Stream<DynamicTest> everyHostileProgramGetsTheReportItsFileDeclares() {
        List<HostileProgram> programs = HostileProgram.readAll(BOX);
        assertTrue(programs.size() >= 10, "hostile programs in " + BOX + ": " + programs.size());
        return programs.stream().map(p -> DynamicTest.dynamicTest(p.id() + ": " + p.name(), BOX.resolve(p.id() + ".py").toUri(), () -> {
            assertFalse(p.all("test").isEmpty(), p.id() + ": no '# test:' line");
            long t0 = System.nanoTime();
            JsonNode report = Jobs.parse(box.run(job(p).bytes()));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(report.path("compile").path("ok").asBoolean(), report.toString());
            JsonNode results = report.path("results");
            assertEquals(p.all("test").size(), results.size(), "one result per test: " + report);
            assertEquals(List.of(), p.mismatches(report, results, ms), report.toString());
        }));
    }
}

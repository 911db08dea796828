package dev.pyquest.domain.achievements;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.RealContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** achievements.yaml is data: the real file loads and meets its schema; each kind of broken file is refused naming its field. */
class AchievementsFileTest {
    private static final Set<String> SKILLS = Set.of("loops", "lists", "strings");

    @Test
    void theRealFileLoadsWithAtLeast25AchievementsOfWhichAtLeast6AreHidden() {
        AchievementEngine engine = AchievementEngine.load(RealContent.root());
        List<Achievement> all = engine.rules().all();
        assertTrue(all.size() >= 25, all.size() + " achievements");
        assertTrue(all.stream().filter(Achievement::hidden).count() >= 6, "hidden ones");
        for (RuleKind k : RuleKind.values()) {
            assertTrue(all.stream().anyMatch(a -> a.kind() == k), "no " + k.configName() + " rule");
        }
    }

    @Test
    void everyMasteryOfTheRealFileCanBeEarnedAndEveryCountTargetFitsTheCourse() {
        AchievementEngine engine = AchievementEngine.load(RealContent.root());
        int exercises = (int) engine.catalog().skillsByActivity().keySet().stream().filter(id -> id.startsWith("ex-")).count();
        for (Achievement a : engine.rules().all()) {
            if (a.kind() == RuleKind.MASTERY) {
                assertTrue(engine.catalog().exerciseCount(a.skill()) > 0, a.id() + ": " + a.skill() + " has no exercise");
            }
            if (a.kind() == RuleKind.COUNT && a.event() == FactKind.EXERCISE_FIRST_PASS) {
                assertTrue(a.levels().getLast().target() <= exercises, a.id() + " asks for more passes than the course has");
            }
        }
    }

    @Test
    void theRealFileValidatesAgainstItsSchema() throws IOException {
        Path content = RealContent.root();
        JsonNode schema = Json.MAPPER.readTree(content.resolve("achievements.schema.json").toFile());
        JsonNode doc = Json.yaml().readTree(content.resolve(Achievements.FILE).toFile());
        Set<ValidationMessage> errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(schema, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build()).validate(doc);
        assertEquals(Set.of(), errors);
    }

    @Test
    void theSchemaRefusesWhatTheLoaderRefusesWhereASchemaCanSayIt() throws IOException {
        JsonNode schema = Json.MAPPER.readTree(RealContent.root().resolve("achievements.schema.json").toFile());
        var validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(schema, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        for (String file : List.of("unknown-kind.yaml", "negative-xp.yaml", "unknown-field.yaml", "unknown-event.yaml",
                "first-with-target-5.yaml", "periodic-without-period.yaml", "streak-with-event.yaml", "mastery-with-target.yaml",
                "bad-id.yaml", "hidden-not-boolean.yaml", "empty-list.yaml")) {
            JsonNode doc = Json.yaml().readTree(bad(file));
            assertTrue(!validator.validate(doc).isEmpty(), "the schema accepts " + file);
        }
    }

    static Stream<String> brokenFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(AchievementsFileTest.class.getResource("bad").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("brokenFiles")
    void aBrokenFileIsRefusedNamingTheFileAndTheField(String file) throws IOException {
        String yaml = bad(file);
        String first = yaml.lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("# expect: "), file + " must start with '# expect: <message>'");
        String expected = first.substring("# expect: ".length());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Achievements.parse(yaml, SKILLS));
        assertTrue(e.getMessage().startsWith(expected), file + ": " + e.getMessage());
    }

    @Test
    void withoutACourseSkillsAreNotChecked() throws IOException {
        Achievements a = Achievements.parse(bad("unknown-skill.yaml"), null);
        assertEquals("pointers", a.find("a").orElseThrow().skill());
    }

    private static String bad(String file) throws IOException {
        try (var in = AchievementsFileTest.class.getResourceAsStream("bad/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

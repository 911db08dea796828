package dev.pyquest.domain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON (and YAML) mapper configuration of the project: every mapper in main code is one of
 * these or is built from {@link #json(JsonFactory)}, so a rule about reading holds everywhere.
 *
 * <p>A document has one meaning or is refused: a repeated key ({@code {"code":"a","code":"b"}}) and
 * anything after the value are errors. Jackson's default keeps the last duplicate silently, so a body,
 * a token or a config file could say two things and we would act on whichever came last.
 */
public final class Json {
    /** JSON for APIs, events and stored documents: ISO-8601 times, unknown fields tolerated on read. */
    public static final JsonMapper MAPPER = json(JsonFactory.builder().build()).build();

    /**
     * YAML for authored files (content, config); strict: an unknown field or a repeated key is an
     * author's typo. Built on first use (a holder class), so a function that reads no YAML (the
     * workflow's) neither loads nor ships the YAML parser.
     */
    public static YAMLMapper yaml() {
        return Yaml.MAPPER;
    }

    private static final class Yaml {
        static final YAMLMapper MAPPER = common(YAMLMapper.builder(YAMLFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(8L << 20).build())
                        .loaderOptions(loaderOptions())
                        .build()))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /**
     * The project's JSON settings on a factory of the caller's (its own read constraints, e.g. for
     * output of untrusted code): what reading means stays the same, only the limits differ.
     */
    public static JsonMapper.Builder json(JsonFactory factory) {
        return common(JsonMapper.builder(factory))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B common(B b) {
        return b.addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * For hand-checked authored files (economy.yaml, achievements.yaml): the first field of {@code node}
     * not in {@code known}, as a path under {@code at} ("quests.daily[0].xpp"), if there is one.
     */
    public static java.util.Optional<String> unknownField(JsonNode node, String at, java.util.Set<String> known) {
        for (java.util.Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) return java.util.Optional.of(at.isEmpty() ? f : at + "." + f);
        }
        return java.util.Optional.empty();
    }

    /** Deeply nested test arguments (a 50-deep list is a fair test of recursion) exceed SnakeYAML's default of 50. */
    private static org.yaml.snakeyaml.LoaderOptions loaderOptions() {
        org.yaml.snakeyaml.LoaderOptions o = new org.yaml.snakeyaml.LoaderOptions();
        o.setNestingDepthLimit(200);
        o.setCodePointLimit(8 << 20);
        return o;
    }

    private Json() {}
}

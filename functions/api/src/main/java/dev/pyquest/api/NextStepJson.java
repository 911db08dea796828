package dev.pyquest.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.mastery.PathActivity;
import dev.pyquest.domain.mastery.next.NextStep;
import dev.pyquest.domain.mastery.next.Suggestion;

import java.util.Locale;

/**
 * The next step as {@code GET /me/next} and a final submission's {@code "next"} show it (../shared/API.md):
 * {@code {"activity":{"slug","title","kind","difficulty"},"reason","why","skills":[…],"alternatives":[{"slug","title","kind","reason","why"}…]}}.
 */
final class NextStepJson {
    private NextStepJson() {
    }

    static ObjectNode of(NextStep step) {
        Suggestion s = step.suggestion();
        ObjectNode o = Json.MAPPER.createObjectNode();
        ObjectNode a = o.putObject("activity");
        activity(a, s.activity());
        a.put("difficulty", s.activity().difficulty().name().toLowerCase(Locale.ROOT));
        o.put("reason", s.reason().wire());
        o.put("why", s.why());
        ArrayNode skills = o.putArray("skills");
        s.skills().forEach(skills::add);
        ArrayNode alternatives = o.putArray("alternatives");
        for (Suggestion alt : step.alternatives()) {
            ObjectNode x = alternatives.addObject();
            activity(x, alt.activity());
            x.put("reason", alt.reason().wire());
            x.put("why", alt.why());
        }
        return o;
    }

    private static void activity(ObjectNode o, PathActivity a) {
        o.put("slug", a.slug());
        o.put("title", a.title());
        o.put("kind", a.kind().name().toLowerCase(Locale.ROOT));
    }
}

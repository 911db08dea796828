package dev.pyquest.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.api.http.ApiError;
import dev.pyquest.api.http.ApiFunction;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.content.Skill;
import dev.pyquest.domain.mastery.Fsrs;
import dev.pyquest.domain.mastery.MasteryLevel;
import dev.pyquest.domain.mastery.SkillProgress;
import dev.pyquest.domain.mastery.SpacedReview;
import dev.pyquest.domain.streak.LearnerClock;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.mastery.CourseSkills;
import dev.pyquest.shared.mastery.NextSteps;
import dev.pyquest.shared.store.LearnerRepository;
import dev.pyquest.shared.store.MasteryRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /me/next}: the next best activity ({@link NextSteps}, shown by {@link NextStepJson}; 404 before the course
 * is loaded). {@code GET /me/skills}: every skill of {@code content/skills.yaml}, in its order, as the caller stands on it:
 * {@code mastery} is BKT's P(known) (the prior, {@value dev.pyquest.domain.mastery.Bkt#PRIOR}, before any evidence),
 * {@code level} the level shown, {@code attempts} the judged submissions and passed quizzes counted,
 * {@code reviewDue} the learner-local day FSRS schedules the next review for (null before the first review) and
 * {@code retrievability} FSRS's chance of recall today in the learner's zone. Also {@code observations} (BKT
 * answers), {@code lessons} read and {@code requires} (prerequisite skill ids). Reads: one query of the learner's
 * skill items, and their zone.
 */
@Singleton
public class SkillsFunction extends ApiFunction {
    private final CourseSkills skills;
    private final MasteryRepository mastery;
    private final LearnerRepository learners;
    private final NextSteps next;
    private final Clock clock;

    /** Lambda's entry (init phase): the collaborators from the container's context. */
    public SkillsFunction() {
        this(Container.bean(CourseSkills.class), Container.bean(MasteryRepository.class), Container.bean(LearnerRepository.class),
                Container.bean(NextSteps.class), Container.bean(Clock.class));
    }

    @Inject
    public SkillsFunction(CourseSkills skills, MasteryRepository mastery, LearnerRepository learners, NextSteps next, Clock clock) {
        this.skills = skills;
        this.mastery = mastery;
        this.learners = learners;
        this.next = next;
        this.clock = clock;
    }

    @Override
    protected APIGatewayV2HTTPResponse route(String routeKey, APIGatewayV2HTTPEvent e) {
        String userId = learner(e);
        return switch (routeKey) {
            case "GET /me/skills" -> skills(userId);
            case "GET /me/next" -> json(200, NextStepJson.of(next.of(userId, null)
                    .orElseThrow(() -> ApiError.notFound("no activity to suggest: the course has none yet"))));
            default -> throw ApiError.notFound("no route " + routeKey);
        };
    }

    private APIGatewayV2HTTPResponse skills(String userId) {
        Map<String, SkillProgress> mine = mastery.skills(userId);
        LocalDate today = LearnerClock.today(clock, learners.get(userId).timezone());
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Skill s : skills.all()) out.add(entry(s, mine.getOrDefault(s.id(), SkillProgress.NOT_STARTED), today));
        return json(200, out);
    }

    static ObjectNode entry(Skill s, SkillProgress p, LocalDate today) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("skill", s.id());
        o.put("title", s.title());
        o.put("mastery", p.mastery().pKnown());
        o.put("level", level(p.mastery().level()));
        o.put("attempts", p.attempts());
        SpacedReview r = p.review();
        if (r == null) {
            o.putNull("reviewDue");
            o.putNull("retrievability");
        } else {
            o.put("reviewDue", r.due().toString());
            o.put("retrievability", Fsrs.PYQUEST.retrievability(r, today));
        }
        o.put("observations", p.mastery().observations());
        o.put("lessons", p.lessons());
        ArrayNode requires = o.putArray("requires");
        s.requires().forEach(requires::add);
        return o;
    }

    /** {@code NOT_STARTED} is {@code not-started}, as API.md spells the levels. */
    static String level(MasteryLevel l) {
        return l.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

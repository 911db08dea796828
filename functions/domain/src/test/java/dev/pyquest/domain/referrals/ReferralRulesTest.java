package dev.pyquest.domain.referrals;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferralRulesTest {
    private static final Instant NOW = Instant.parse("2026-12-08T12:00:00Z");

    private static ReferralRules.Redemption r(String redeemer, String ip, String device, Instant first, List<Instant> rewards) {
        return new ReferralRules.Redemption(redeemer, "ref", ip, "10.0.0.1", device, "dev-ref", first, rewards, NOW);
    }

    @Test
    void aNewLearnerFromElsewhereIsAccepted() {
        assertEquals(Optional.empty(), ReferralRules.refusal(r("new", "10.0.0.2", "dev-new", NOW.minusSeconds(60), List.of())));
        assertEquals(Optional.empty(), ReferralRules.refusal(r("new", "10.0.0.2", null, null, List.of())), "no activity at all: new");
    }

    @Test
    void eachRuleRefusesWithItsReason() {
        assertEquals(Optional.of("self-referral"), ReferralRules.refusal(r("ref", "10.0.0.2", null, null, List.of())));
        assertEquals(Optional.of("same-address"), ReferralRules.refusal(r("new", "10.0.0.1", null, null, List.of())));
        assertEquals(Optional.of("same-device"), ReferralRules.refusal(r("new", "10.0.0.2", "dev-ref", null, List.of())));
        assertEquals(Optional.of("old-account"), ReferralRules.refusal(r("new", "10.0.0.2", null, NOW.minus(Duration.ofDays(8)), List.of())));
        List<Instant> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) ten.add(NOW.minus(Duration.ofDays(i + 1)));
        assertEquals(Optional.of("referrer-limit"), ReferralRules.refusal(r("new", "10.0.0.2", null, null, ten)));
    }

    @Test
    void anEmptyDeviceIsNeverTheSameDevice() {
        ReferralRules.Redemption both = new ReferralRules.Redemption("new", "ref", "a", "b", "", "", null, List.of(), NOW);
        assertEquals(Optional.empty(), ReferralRules.refusal(both));
        assertNull(ReferralRules.device("  "));
        assertNull(ReferralRules.device("x".repeat(129)));
        assertEquals("x".repeat(128), ReferralRules.device("x".repeat(128)));
    }

    @Test
    void sevenDaysIsStillNewAndTheLimitCountsOnlyTheLastThirtyDays() {
        assertEquals(Optional.empty(), ReferralRules.refusal(r("new", "10.0.0.2", null, NOW.minus(Duration.ofDays(7)), List.of())));
        List<Instant> old = new ArrayList<>();
        for (int i = 0; i < 9; i++) old.add(NOW.minus(Duration.ofDays(1)));
        old.add(NOW.minus(Duration.ofDays(31)));
        assertTrue(ReferralRules.underLimit(old, NOW), "the 31-day-old reward is out of the window");
        old.add(NOW.minus(Duration.ofDays(29)));
        assertTrue(!ReferralRules.underLimit(old, NOW));
        assertEquals(10, ReferralRules.recent(old, NOW).size());
    }

    @Test
    void codesAreEightUnambiguousCharactersAndAreReadBackCaseInsensitively() {
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            String c = ReferralRules.newCode(random);
            assertEquals(8, c.length());
            assertTrue(c.chars().noneMatch(ch -> "0O1IL".indexOf(ch) >= 0), c);
            assertEquals(Optional.of(c), ReferralRules.normalCode(" " + c.toLowerCase() + " "));
        }
        assertEquals(Optional.empty(), ReferralRules.normalCode("ABCDEFG0"));
        assertEquals(Optional.empty(), ReferralRules.normalCode("ABC"));
        assertEquals(Optional.empty(), ReferralRules.normalCode(null));
    }

    @Test
    void bothRewardsAreKeyedByTheRefereeUnderTheReferralSourceWithTheBundledAmounts() {
        dev.pyquest.domain.rewards.Economy e = dev.pyquest.domain.rewards.Economy.bundled();
        List<dev.pyquest.domain.rewards.Grant> grants = new dev.pyquest.domain.rewards.RewardRules(e).referral("ada", "bob", "evt-1");
        assertEquals(List.of("bob", "ada"), grants.stream().map(dev.pyquest.domain.rewards.Grant::userId).toList());
        assertTrue(grants.stream().allMatch(g -> g.grantKey().equals("REFERRAL#bob") && g.source() == dev.pyquest.domain.rewards.RewardSource.REFERRAL));
        assertEquals(e.referral().refereeDiamonds(), grants.get(0).amount(dev.pyquest.domain.rewards.RewardKind.DIAMONDS));
        assertEquals(e.referral().referrerXp(), grants.get(1).amount(dev.pyquest.domain.rewards.RewardKind.XP));
        assertTrue(e.referral().referrerDiamonds() > 0 && e.referral().refereeXp() > 0);
        assertEquals(Optional.of(dev.pyquest.domain.rewards.RewardSource.REFERRAL), dev.pyquest.domain.rewards.RewardRules.sourceOf("REFERRAL#bob"));
    }

    @Test
    void aBadReferralSectionFailsTheEconomyNamingTheField() {
        String yaml = bundledYaml();
        IllegalArgumentException ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> dev.pyquest.domain.rewards.Economy.parse(yaml.replace("referee: { xp: 25, diamonds: 10 }", "referee: { xp: -1, diamonds: 10 }")));
        assertTrue(ex.getMessage().contains("referral.referee.xp"), ex.getMessage());
    }

    private static String bundledYaml() {
        try (var in = dev.pyquest.domain.rewards.Economy.class.getResourceAsStream("economy.yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.pyquest.shared.payments;

import dev.pyquest.domain.rewards.Economy;
import dev.pyquest.shared.rewards.RewardsService;
import dev.pyquest.shared.testing.RecordingDynamo;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The referral service's writes, recorded: the conditions that make a referral accepted once and paid once. */
class ReferralsServiceTest {
    private static final Instant NOW = Instant.parse("2026-12-08T12:00:00Z");
    private final Map<String, Map<String, AttributeValue>> payments = new HashMap<>();
    private final RecordingDynamo dynamo = new RecordingDynamo(this::find);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ReferralsService service = new ReferralsService(new ReferralsRepository(dynamo.client(), "Payments", "Learners", "Ledger"),
            new RewardsService(dynamo.client(), "Ledger", "Learners", "Outbox", "Submissions", "Economy", Economy.bundled(), clock), clock);

    private Map<String, AttributeValue> find(GetItemRequest r) {
        return r.tableName().equals("Payments") ? payments.get(r.key().get("pk").s()) : null;
    }

    private void referee(String status) {
        payments.put("referee#bob", Map.of("pk", AttributeValue.fromS("referee#bob"), "referrerId", AttributeValue.fromS("ada"),
                "code", AttributeValue.fromS("K7QXM2PA"), "status", AttributeValue.fromS(status), "at", AttributeValue.fromS(NOW.minusSeconds(600).toString())));
    }

    private void referrerRewardedAt(List<Instant> times, long version) {
        payments.put("referrer#ada", Map.of("pk", AttributeValue.fromS("referrer#ada"), "code", AttributeValue.fromS("K7QXM2PA"),
                "lastAddress", AttributeValue.fromS("203.0.113.7"), "version", AttributeValue.fromN(Long.toString(version)),
                "rewardTimes", AttributeValue.fromL(times.stream().map(t -> AttributeValue.fromS(t.toString())).toList())));
    }

    @Test
    void aPendingReferralPaysBothLearnersInOneTransactionConditionalOnPendingAndOnTheReferrersVersion() {
        referee("PENDING");
        referrerRewardedAt(List.of(NOW.minus(Duration.ofDays(40))), 3);
        assertEquals(ReferralsService.Outcome.REWARDED, service.passed("bob", "evt-1"));
        List<TransactWriteItem> items = dynamo.transactItems();
        Set<String> ledger = items.stream().filter(i -> i.put() != null && i.put().tableName().equals("Ledger"))
                .peek(i -> assertEquals("attribute_not_exists(entryId)", i.put().conditionExpression()))
                .map(i -> i.put().item().get("userId").s() + ":" + i.put().item().get("entryId").s()).collect(Collectors.toSet());
        assertEquals(Set.of("bob:REFERRAL#bob|XP", "bob:REFERRAL#bob|DIAMONDS", "ada:REFERRAL#bob|XP", "ada:REFERRAL#bob|DIAMONDS"), ledger);
        TransactWriteItem status = items.stream().filter(i -> i.update() != null && i.update().tableName().equals("Payments") && i.update().key().get("pk").s().equals("referee#bob")).findFirst().orElseThrow();
        assertEquals("#s = :pending", status.update().conditionExpression());
        assertEquals("REWARDED", status.update().expressionAttributeValues().get(":to").s());
        TransactWriteItem referrer = items.stream().filter(i -> i.update() != null && i.update().tableName().equals("Payments") && i.update().key().get("pk").s().equals("referrer#ada")).findFirst().orElseThrow();
        assertEquals("version = :v", referrer.update().conditionExpression());
        assertEquals("3", referrer.update().expressionAttributeValues().get(":v").n());
        assertEquals(List.of(AttributeValue.fromS(NOW.toString())), referrer.update().expressionAttributeValues().get(":times").l(),
                "reward times outside the 30 days are dropped, this one added");
        assertEquals(1, dynamo.of(software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest.class).size(), "one transaction");
    }

    @Test
    void aReferrerAtTheLimitWhenTheRefereePassesIsRefusedAndNobodyIsPaid() {
        referee("PENDING");
        List<Instant> ten = new ArrayList<>();
        for (int i = 1; i <= 10; i++) ten.add(NOW.minus(Duration.ofDays(i)));
        referrerRewardedAt(ten, 10);
        assertEquals(ReferralsService.Outcome.REFUSED, service.passed("bob", "evt-1"));
        List<TransactWriteItem> items = dynamo.transactItems();
        assertTrue(items.stream().noneMatch(i -> i.put() != null && i.put().tableName().equals("Ledger")));
        assertTrue(items.stream().anyMatch(i -> i.update() != null && "REFUSED".equals(
                i.update().expressionAttributeValues().getOrDefault(":to", AttributeValue.fromS("")).s())));
        assertTrue(items.stream().anyMatch(i -> i.put() != null && i.put().item().get("pk").s().startsWith("refusal#bob#")
                && i.put().item().get("reason").s().equals("referrer-limit")));
    }

    @Test
    void aSettledOrAbsentReferralWritesNothing() {
        assertEquals(ReferralsService.Outcome.NOT_REFERRED, service.passed("bob", "evt-1"));
        referee("REWARDED");
        assertEquals(ReferralsService.Outcome.ALREADY_SETTLED, service.passed("bob", "evt-2"));
        assertTrue(dynamo.transactItems().isEmpty());
    }

    @Test
    void anAcceptedRedemptionIsConditionalOnTheLearnerNeverHavingRedeemed() {
        payments.put("refcode#K7QXM2PA", Map.of("pk", AttributeValue.fromS("refcode#K7QXM2PA"), "userId", AttributeValue.fromS("ada")));
        referrerRewardedAt(List.of(), 0);
        ReferralsService.Redeemed r = service.redeem("bob", "k7qxm2pa", "198.51.100.1", "device-bob");
        assertTrue(r.accepted(), String.valueOf(r));
        TransactWriteItem referee = dynamo.transactItems().get(0);
        assertEquals("referee#bob", referee.put().item().get("pk").s());
        assertEquals("attribute_not_exists(pk)", referee.put().conditionExpression());
        assertEquals("PENDING", referee.put().item().get("status").s());
        assertEquals("ADD invited :one, pending :one", dynamo.transactItems().get(1).update().updateExpression());
    }

    @Test
    void aRefusalIsRecordedWithItsReason() {
        payments.put("refcode#K7QXM2PA", Map.of("pk", AttributeValue.fromS("refcode#K7QXM2PA"), "userId", AttributeValue.fromS("ada")));
        referrerRewardedAt(List.of(), 0);
        ReferralsService.Redeemed r = service.redeem("bob", "K7QXM2PA", "203.0.113.7", null);
        assertEquals(new ReferralsService.Redeemed(false, 409, "same-address"), r);
        var put = dynamo.of(software.amazon.awssdk.services.dynamodb.model.PutItemRequest.class).get(0);
        assertEquals("same-address", put.item().get("reason").s());
        assertEquals("ada", put.item().get("referrerId").s());
        assertEquals("K7QXM2PA", put.item().get("code").s());
    }
}

package dev.pyquest.domain.payments;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stripe's event shapes, read for ids, times and amounts only; anything that could become a key is an id or refused. */
class PaymentEventTest {
    private static PaymentEvent parse(String json) throws PaymentEvent.Malformed {
        return PaymentEvent.parse(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPaidCheckoutSessionNamesOurCheckoutAndWhatWasPaid() throws Exception {
        PaymentEvent e = parse("{'id':'evt_1','type':'checkout.session.completed','created':1765000000,'data':{'object':"
                + "{'client_reference_id':'c-abc','payment_status':'paid','amount_total':999,'currency':'eur','subscription':'sub_9'}}}");
        PaymentEvent.CheckoutCompleted c = assertInstanceOf(PaymentEvent.CheckoutCompleted.class, e);
        assertEquals("c-abc", c.checkoutId());
        assertEquals(999, c.amount());
        assertEquals("EUR", c.currency());
        assertEquals("sub_9", c.subscriptionId());
        assertEquals(Instant.ofEpochSecond(1765000000), c.created());
    }

    @Test
    void anUnpaidSessionIsAcknowledgedAndIgnored() throws Exception {
        assertInstanceOf(PaymentEvent.Ignored.class, parse("{'id':'evt_2','type':'checkout.session.completed','created':1,'data':{'object':"
                + "{'client_reference_id':'c-abc','payment_status':'unpaid','amount_total':999,'currency':'eur'}}}"));
    }

    @Test
    void invoicesAndSubscriptionsLeadBackThroughTheirMetadata() throws Exception {
        PaymentEvent.InvoicePaid paid = assertInstanceOf(PaymentEvent.InvoicePaid.class, parse("{'id':'evt_3','type':'invoice.paid','created':5,"
                + "'data':{'object':{'subscription':'sub_9','subscription_details':{'metadata':{'checkoutId':'c-abc'}},"
                + "'lines':{'data':[{'period':{'start':1,'end':1767000000}}]}}}}"));
        assertEquals("c-abc", paid.checkoutId());
        assertEquals(Instant.ofEpochSecond(1767000000), paid.periodEnd());
        PaymentEvent.SubscriptionEnded ended = assertInstanceOf(PaymentEvent.SubscriptionEnded.class, parse("{'id':'evt_4',"
                + "'type':'customer.subscription.deleted','created':6,'data':{'object':{'id':'sub_9','metadata':{'checkoutId':'c-abc'}}}}"));
        assertEquals("c-abc", ended.checkoutId());
        PaymentEvent.Refunded dispute = assertInstanceOf(PaymentEvent.Refunded.class, parse("{'id':'evt_5','type':'charge.dispute.created',"
                + "'created':7,'data':{'object':{'payment_intent':'pi_1'}}}"));
        assertTrue(dispute.dispute());
        assertNull(dispute.checkoutId());
        assertEquals("pi_1", dispute.paymentIntent());
    }

    @Test
    void otherTypesAreIgnoredNotRefused() throws Exception {
        assertInstanceOf(PaymentEvent.Ignored.class, parse("{'id':'evt_6','type':'customer.created','created':1,'data':{'object':{}}}"));
    }

    @Test
    void malformedEventsAndHostileIdsAreRefused() {
        String[] bad = {
                "not json", "[]", "{'type':'invoice.paid','created':1,'data':{'object':{}}}",
                "{'id':'evt_1','created':1,'data':{'object':{}}}",
                "{'id':'evt_1','type':'x','data':{'object':{}}}",
                "{'id':'evt_1','type':'x','created':1}",
                "{'id':'evt#1|x','type':'x','created':1,'data':{'object':{}}}",
                "{'id':'evt_1','type':'checkout.session.completed','created':1,'data':{'object':{'client_reference_id':'c-1#evil',"
                        + "'payment_status':'paid','amount_total':1,'currency':'usd'}}}",
                "{'id':'evt_1','type':'checkout.session.completed','created':1,'data':{'object':{'client_reference_id':'c-1',"
                        + "'payment_status':'paid','amount_total':-5,'currency':'usd'}}}",
                "{'id':'evt_1','type':'checkout.session.completed','created':1,'data':{'object':{'client_reference_id':'c-1',"
                        + "'payment_status':'paid','amount_total':5,'currency':'dollars'}}}",
                "{'id':'evt_1','type':'invoice.paid','created':1,'data':{'object':{'subscription':'sub_1'}}}",
                "{'id':'evt_1','id':'evt_2','type':'x','created':1,'data':{'object':{}}}",
        };
        for (String b : bad) assertThrows(PaymentEvent.Malformed.class, () -> parse(b), b);
    }
}

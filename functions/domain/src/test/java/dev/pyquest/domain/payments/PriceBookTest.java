package dev.pyquest.domain.payments;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pricing.yaml: resolution by country, purchasing-power tiers, charm rounding in minor units, validation naming the field. */
class PriceBookTest {
    private final PriceBook book = PriceBook.bundled();

    private PriceBook.Money price(String country, String product) {
        return book.quote(country, book.product(product).orElseThrow()).price();
    }

    @Test
    void eachCountryPaysItsRegionsPriceInItsCurrency() {
        assertEquals(new PriceBook.Money(999, "USD"), price("US", "pro-monthly"));        // 9.99 x 100 %
        assertEquals(new PriceBook.Money(999, "EUR"), price("DE", "pro-monthly"));        // 9.99 x 0.92 = 9.19 -> 9.99
        assertEquals(new PriceBook.Money(699, "EUR"), price("ES", "pro-monthly"));        // x 75 % x 0.92 = 6.89 -> 6.99
        assertEquals(new PriceBook.Money(24900, "INR"), price("IN", "pro-monthly"));      // x 30 % x 83 = 248.75 -> 249.00
        assertEquals(new PriceBook.Money(2490, "BRL"), price("BR", "pro-monthly"));       // x 50 % x 5 = 24.975 -> 24.90
        assertEquals(new PriceBook.Money(1180, "JPY"), price("JP", "pro-monthly"));       // exponent 0: 1123.9 yen -> 1180
        assertEquals(new PriceBook.Money(7399, "EUR"), price("FR", "pro-yearly"));        // 79.99 x 0.92 = 73.59 -> 73.99
        assertEquals(new PriceBook.Money(49900, "INR"), price("IN", "diamonds-1200"));    // 19.99 x 30 % x 83 = 497.75 -> 499.00
    }

    @Test
    void unknownAbsentOrMalformedCountriesPayTheDefaultRegion() {
        for (String c : new String[] {"ZZ", null, "", "usa", "U", "1A"}) {
            PriceBook.Quote q = book.quote(c, book.product("pro-monthly").orElseThrow());
            assertEquals("default", q.region().id(), "country " + c);
            assertEquals(new PriceBook.Money(999, "USD"), q.price());
        }
        assertEquals("us", book.region("us").id(), "case does not matter");
    }

    @Test
    void freeLearnersHaveADailyAllowanceAndProAMuchHigherCap() {
        assertEquals(50, book.plan(false).dailySubmissions());
        assertEquals(1000, book.plan(true).dailySubmissions());
    }

    @Test
    void charmRoundingGoesUpToTheStepThenSubtractsTheEnding() {
        PriceBook.Currency usd = new PriceBook.Currency("USD", 2, 100, 1);
        assertEquals(799, PriceBook.charm(new java.math.BigDecimal("743"), usd));
        assertEquals(799, PriceBook.charm(new java.math.BigDecimal("800"), usd));   // exactly on a step: 8.00 -> 7.99
        assertEquals(899, PriceBook.charm(new java.math.BigDecimal("800.01"), usd));
        assertEquals(99, PriceBook.charm(new java.math.BigDecimal("0.4"), usd));     // never 0 or negative
        PriceBook.Currency inr = new PriceBook.Currency("INR", 2, 1000, 100);
        assertEquals(24900, PriceBook.charm(new java.math.BigDecimal("24875"), inr));
    }

    @Test
    void aBadBookFailsNamingTheField() {
        String good = """
                products: [{ id: pro-monthly, kind: pro, months: 1, base: 999, title: "Pro" }]
                tiers: { high: 100 }
                currencies: { USD: { exponent: 2, step: 100, minus: 1 } }
                regions: [{ id: default, countries: [], currency: USD, tier: high, perUsd: 1 }]
                plans: { free: { dailySubmissions: 50 }, pro: { dailySubmissions: 1000 } }
                """;
        assertEquals(1, PriceBook.parse(good).products().size());
        assertBad(good.replace("minus: 1", "minus: 100"), "currencies.USD.minus");
        assertBad(good.replace("tier: high", "tier: mid"), "regions[0].tier");
        assertBad(good.replace("currency: USD", "currency: EUR"), "regions[0].currency");
        assertBad(good.replace("id: default", "id: us"), "regions[0].countries");
        assertBad(good.replace("id: default, countries: []", "id: us, countries: [US]"), "regions");
        assertBad(good.replace("countries: []", "countries: [us]"), "regions[0].countries");
        assertBad(good.replace("kind: pro", "kind: gems"), "products[0].kind");
        assertBad(good.replace("base: 999", "base: -5"), "products[0].base");
        assertBad(good.replace("months: 1,", "months: 1, price: 3,"), "products[0].price");
        assertBad(good.replace("perUsd: 1", "perUsd: 0"), "regions[0].perUsd");
        assertBad(good + "extra: 1\n", "extra");
        assertBad(good.replace("pro: { dailySubmissions: 1000 }", "pro: { dailySubmissions: 10 }"), "plans.pro.dailySubmissions");
        assertBad(good.replace("free: { dailySubmissions: 50 }", "free: { dailySubmissions: 0 }"), "plans.free.dailySubmissions");
        assertBad(good.replace(", pro: { dailySubmissions: 1000 }", ""), "plans.pro");
        assertBad(good.replace("regions: [", "regions: [{ id: a, countries: [US], currency: USD, tier: high, perUsd: 1 },"
                + " { id: b, countries: [US], currency: USD, tier: high, perUsd: 1 },"), "regions[1].countries");
    }

    private static void assertBad(String yaml, String field) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PriceBook.parse(yaml));
        assertTrue(e.getMessage().startsWith("pricing.yaml: " + field + " "), e.getMessage());
    }
}

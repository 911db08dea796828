package dev.pyquest.domain.payments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pyquest.domain.Json;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What PyQuest sells and what it costs in each country: {@code pricing.yaml} beside this class, parsed and validated
 * once (a bad edit fails the start naming the field). A price is computed, never typed per country: the product's
 * base (US cents) times the region's purchasing-power tier times the region's rate, then charm-rounded in the
 * region's currency. {@link #quote} is the one place a price is decided: {@code GET /pricing} shows its answer and
 * {@code POST /checkout} charges it, for the country the trusted source names.
 */
public record PriceBook(List<Product> products, Map<String, Integer> tiers, Map<String, Currency> currencies,
                        List<Region> regions, Plan free, Plan pro) {
    public static final String RESOURCE = "pricing.yaml";

    public enum Kind { PRO, DIAMONDS }

    /** Something sold: Pro for {@code months}, or a pack of {@code diamonds}; {@code base} in US cents. */
    public record Product(String id, Kind kind, int months, long diamonds, long base, String title) {}

    /** A currency's minor-unit digits and its charm rounding: up to a multiple of {@code step}, minus {@code minus}. */
    public record Currency(String code, int exponent, long step, long minus) {}

    public record Region(String id, Set<String> countries, String currency, String tier, BigDecimal perUsd) {}

    /** What a plan may do per local day. */
    public record Plan(int dailySubmissions) {}

    /** The plan of a learner with or without Pro. */
    public Plan plan(boolean pro) {
        return pro ? this.pro : free;
    }

    /** An amount in a currency's minor unit (cents, paise, yen). */
    public record Money(long amount, String currency) {}

    /** What {@code product} costs in {@code region} for a learner in {@code country}. */
    public record Quote(String country, Region region, Product product, Money price) {}

    public PriceBook {
        products = List.copyOf(products);
        tiers = Map.copyOf(tiers);
        currencies = Map.copyOf(currencies);
        regions = List.copyOf(regions);
    }

    public static PriceBook bundled() {
        return parse(FIELDS.bundled(PriceBook.class));
    }

    public Optional<Product> product(String id) {
        return products.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The region of {@code country} (ISO 3166-1 alpha-2, any case); an unknown or absent country gets {@code default}. */
    public Region region(String country) {
        String c = normalCountry(country);
        if (c != null) {
            for (Region r : regions) if (r.countries().contains(c)) return r;
        }
        return regions.stream().filter(r -> r.id().equals("default")).findFirst().orElseThrow();
    }

    /** A two-letter upper-case country code, or null when {@code country} is not one. */
    public static String normalCountry(String country) {
        if (country == null) return null;
        String c = country.trim().toUpperCase(java.util.Locale.ROOT);
        return COUNTRY.matcher(c).matches() ? c : null;
    }

    public Quote quote(String country, Product product) {
        Region r = region(country);
        Currency cur = currencies.get(r.currency());
        BigDecimal raw = BigDecimal.valueOf(product.base())
                .multiply(BigDecimal.valueOf(tiers.get(r.tier()))).divide(BigDecimal.valueOf(100))
                .multiply(r.perUsd())
                .multiply(BigDecimal.TEN.pow(cur.exponent())).divide(BigDecimal.valueOf(100));
        return new Quote(normalCountry(country) == null ? null : normalCountry(country), r, product,
                new Money(charm(raw, cur), cur.code()));
    }

    /** Up to the next multiple of the currency's step, minus its charm ending (never below one step's worth). */
    static long charm(BigDecimal raw, Currency c) {
        long steps = raw.divide(BigDecimal.valueOf(c.step()), 0, RoundingMode.CEILING).longValueExact();
        return Math.max(1, steps) * c.step() - c.minus();
    }

    // ------------------------------------------------------------------ parsing

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public static PriceBook parse(String yaml) {
        JsonNode root;
        try {
            root = Json.yaml().readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(RESOURCE + ": not valid YAML: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw bad("", "must be a mapping");
        only(root, "", "products", "tiers", "currencies", "regions", "plans");
        JsonNode plans = object(root, "plans", "plans");
        only(plans, "plans", "free", "pro");
        Plan[] plan = new Plan[2];
        String[] names = {"free", "pro"};
        for (int i = 0; i < 2; i++) {
            JsonNode p = object(plans, names[i], "plans." + names[i]);
            only(p, "plans." + names[i], "dailySubmissions");
            plan[i] = new Plan((int) whole(p.get("dailySubmissions"), "plans." + names[i] + ".dailySubmissions", 1, 100_000));
        }
        if (plan[1].dailySubmissions() < plan[0].dailySubmissions()) {
            throw bad("plans.pro.dailySubmissions", "must be at least the free plan's (" + plan[0].dailySubmissions() + ")");
        }

        Map<String, Integer> tiers = new LinkedHashMap<>();
        JsonNode t = object(root, "tiers", "tiers");
        t.fields().forEachRemaining(f -> {
            if (!ID.matcher(f.getKey()).matches()) throw bad("tiers." + f.getKey(), "must be lower-case words joined by '-'");
            tiers.put(f.getKey(), (int) whole(f.getValue(), "tiers." + f.getKey(), 1, 100));
        });
        if (tiers.isEmpty()) throw bad("tiers", "needs at least one tier");

        Map<String, Currency> currencies = new LinkedHashMap<>();
        JsonNode cs = object(root, "currencies", "currencies");
        cs.fields().forEachRemaining(f -> {
            String at = "currencies." + f.getKey();
            if (!CURRENCY.matcher(f.getKey()).matches()) throw bad(at, "must be an ISO 4217 code (three capitals)");
            JsonNode c = f.getValue();
            if (!c.isObject()) throw bad(at, "must be a mapping");
            only(c, at, "exponent", "step", "minus");
            int exponent = (int) whole(c.get("exponent"), at + ".exponent", 0, 3);
            long step = whole(c.get("step"), at + ".step", 1, 1_000_000);
            long minus = whole(c.get("minus"), at + ".minus", 0, 1_000_000);
            if (minus >= step) throw bad(at + ".minus", "must be less than step (" + step + "), or a price could be 0");
            currencies.put(f.getKey(), new Currency(f.getKey(), exponent, step, minus));
        });

        List<Product> products = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        JsonNode ps = array(root, "products");
        for (int i = 0; i < ps.size(); i++) {
            String at = "products[" + i + "]";
            JsonNode p = ps.get(i);
            if (!p.isObject()) throw bad(at, "must be a mapping");
            String id = text(p, at, "id");
            if (!ID.matcher(id).matches()) throw bad(at + ".id", "must be lower-case words joined by '-', got '" + id + "'");
            if (!ids.add(id)) throw bad(at + ".id", "'" + id + "' is used twice");
            String kind = text(p, at, "kind");
            long base = whole(p.get("base"), at + ".base", 1, 10_000_000);
            String title = text(p, at, "title");
            switch (kind) {
                case "pro" -> {
                    only(p, at, "id", "kind", "months", "base", "title");
                    if (!id.startsWith("pro-")) throw bad(at + ".id", "a Pro product's id starts with 'pro-'");
                    products.add(new Product(id, Kind.PRO, (int) whole(p.get("months"), at + ".months", 1, 36), 0, base, title));
                }
                case "diamonds" -> {
                    only(p, at, "id", "kind", "diamonds", "base", "title");
                    if (id.startsWith("pro-")) throw bad(at + ".id", "only Pro products' ids start with 'pro-'");
                    products.add(new Product(id, Kind.DIAMONDS, 0, whole(p.get("diamonds"), at + ".diamonds", 1, 1_000_000), base, title));
                }
                default -> throw bad(at + ".kind", "must be pro or diamonds, got '" + kind + "'");
            }
        }
        if (products.stream().noneMatch(p -> p.kind() == Kind.PRO)) throw bad("products", "sells no Pro product");

        List<Region> regions = new ArrayList<>();
        Map<String, String> countryRegion = new HashMap<>();
        Set<String> regionIds = new java.util.HashSet<>();
        JsonNode rs = array(root, "regions");
        for (int i = 0; i < rs.size(); i++) {
            String at = "regions[" + i + "]";
            JsonNode r = rs.get(i);
            if (!r.isObject()) throw bad(at, "must be a mapping");
            only(r, at, "id", "countries", "currency", "tier", "perUsd");
            String id = text(r, at, "id");
            if (!regionIds.add(id)) throw bad(at + ".id", "'" + id + "' is used twice");
            JsonNode cl = r.get("countries");
            if (cl == null || !cl.isArray()) throw bad(at + ".countries", "must be a list of ISO 3166-1 alpha-2 codes");
            Set<String> countries = new java.util.LinkedHashSet<>();
            for (JsonNode c : cl) {
                if (!c.isTextual() || !COUNTRY.matcher(c.asText()).matches()) {
                    throw bad(at + ".countries", "must hold two-capital country codes, got " + c);
                }
                String prev = countryRegion.put(c.asText(), id);
                if (prev != null) throw bad(at + ".countries", c.asText() + " is already in region " + prev);
                countries.add(c.asText());
            }
            if (id.equals("default") != countries.isEmpty()) {
                throw bad(at + ".countries", "the region 'default' (and only it) names no country");
            }
            String currency = text(r, at, "currency");
            if (!currencies.containsKey(currency)) throw bad(at + ".currency", "'" + currency + "' is not under currencies");
            String tier = text(r, at, "tier");
            if (!tiers.containsKey(tier)) throw bad(at + ".tier", "'" + tier + "' is not under tiers " + tiers.keySet());
            JsonNode rate = r.get("perUsd");
            if (rate == null || !rate.isNumber() || rate.decimalValue().signum() <= 0) {
                throw bad(at + ".perUsd", "must be a positive number (units of " + currency + " one US dollar buys)");
            }
            regions.add(new Region(id, countries, currency, tier, rate.decimalValue()));
        }
        if (regions.stream().noneMatch(r -> r.id().equals("default"))) throw bad("regions", "needs the region 'default' (unknown countries)");
        return new PriceBook(products, tiers, currencies, regions, plan[0], plan[1]);
    }

    private static final dev.pyquest.domain.ConfigFields FIELDS = new dev.pyquest.domain.ConfigFields(RESOURCE);

    private static long whole(JsonNode v, String path, long min, long max) {
        return FIELDS.whole(v, path, min, max);
    }

    private static String text(JsonNode n, String at, String field) {
        return FIELDS.text(n, at, field);
    }

    private static JsonNode object(JsonNode n, String field, String path) {
        return FIELDS.object(n, field, path);
    }

    private static JsonNode array(JsonNode n, String field) {
        return FIELDS.array(n, field, field);
    }

    private static void only(JsonNode n, String at, String... allowed) {
        FIELDS.only(n, at, allowed);
    }

    private static IllegalArgumentException bad(String field, String problem) {
        return FIELDS.bad(field, problem);
    }
}

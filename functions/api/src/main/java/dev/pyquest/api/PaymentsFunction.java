package dev.pyquest.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.api.http.ApiError;
import dev.pyquest.api.http.ApiFunction;
import dev.pyquest.api.http.EdgeIdempotency;
import dev.pyquest.domain.Hashing;
import dev.pyquest.domain.Json;
import dev.pyquest.domain.payments.Entitlement;
import dev.pyquest.domain.payments.PriceBook;
import dev.pyquest.shared.Container;
import dev.pyquest.shared.payments.Checkout;
import dev.pyquest.shared.payments.PaymentsRepository;
import dev.pyquest.shared.payments.ProGate;
import dev.pyquest.shared.ports.CountrySource;
import dev.pyquest.shared.ports.PaymentProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prices and buying: {@code GET /pricing} (the learner's country from the trusted source only), {@code POST /checkout}
 * (Idempotency-Key: the same key opens one checkout; it charges exactly the price {@code GET /pricing} shows for that
 * country, decided by the one {@link PriceBook#quote}), and {@code GET /me/entitlements} (the Pro gate's own answer).
 */
@Singleton
public class PaymentsFunction extends ApiFunction {
    private static final int MAX_BODY_BYTES = 1024;

    private final PriceBook prices;
    private final PaymentsRepository payments;
    private final PaymentProvider provider;
    private final CountrySource countries;
    private final ProGate gate;
    private final EdgeIdempotency idempotency;
    private final Clock clock;

    public PaymentsFunction() {
        this(Container.bean(PriceBook.class), Container.bean(PaymentsRepository.class), Container.bean(PaymentProvider.class),
                Container.bean(CountrySource.class), Container.bean(ProGate.class), Container.bean(EdgeIdempotency.class),
                Container.bean(Clock.class));
    }

    @Inject
    public PaymentsFunction(PriceBook prices, PaymentsRepository payments, PaymentProvider provider, CountrySource countries,
                            ProGate gate, EdgeIdempotency idempotency, Clock clock) {
        this.prices = prices;
        this.payments = payments;
        this.provider = provider;
        this.countries = countries;
        this.gate = gate;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @Override
    protected APIGatewayV2HTTPResponse route(String routeKey, APIGatewayV2HTTPEvent e) {
        String userId = learner(e);
        return switch (routeKey) {
            case "GET /pricing" -> json(200, pricing(country(e)));
            case "POST /checkout" -> checkout(userId, e);
            case "GET /me/entitlements" -> json(200, entitlements(gate.pro(userId)));
            default -> throw ApiError.notFound("no route " + routeKey);
        };
    }

    /** The country of the request, from the trusted source only; null (the default region) when it names none. */
    private String country(APIGatewayV2HTTPEvent e) {
        Map<String, String> headers = new HashMap<>();
        if (e.getHeaders() != null) e.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        Map<String, String> claims = Optional.ofNullable(e.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims).orElse(Map.of());
        return PriceBook.normalCountry(countries.country(headers, claims));
    }

    private ObjectNode pricing(String country) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        PriceBook.Region region = prices.region(country);
        out.put("country", country);
        out.put("region", region.id());
        out.put("currency", region.currency());
        ObjectNode pro = out.putObject("pro");
        ArrayNode packs = out.putArray("diamondPacks");
        for (PriceBook.Product p : prices.products()) {
            PriceBook.Quote q = prices.quote(country, p);
            if (p.kind() == PriceBook.Kind.PRO) {
                String period = p.id().substring("pro-".length());
                pro.set(period, money(q.price()).put("product", p.id()).put("months", p.months()));
            } else {
                packs.addObject().put("id", p.id()).put("title", p.title()).put("diamonds", p.diamonds()).set("price", money(q.price()));
            }
        }
        return out;
    }

    private APIGatewayV2HTTPResponse checkout(String userId, APIGatewayV2HTTPEvent e) {
        String key = idempotencyKey(e);
        JsonNode body = jsonBody(bodyBytes(e, MAX_BODY_BYTES));
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            // Only the product: a price, a currency or a country in the body is refused, never read.
            if (!f.equals("product")) throw ApiError.validation("unknown field '" + f + "'; a checkout names only its product");
        }
        JsonNode p = body.get("product");
        if (p == null || !p.isTextual()) throw ApiError.validation("body.product must name a product: " + productIds());
        PriceBook.Product product = prices.product(p.asText())
                .orElseThrow(() -> ApiError.validation("no product '" + p.asText() + "'; products: " + productIds()));
        String country = country(e);
        PriceBook.Quote quote = prices.quote(country, product);
        String checkoutId = "c-" + Hashing.sha256Hex(userId + "\0" + key).substring(0, 32);
        String requestHash = Hashing.sha256Hex(product.id() + "\0" + quote.price().amount() + quote.price().currency());
        return idempotency.run(userId, "checkout", key, requestHash, () -> open(userId, checkoutId, product, quote));
    }

    private APIGatewayV2HTTPResponse open(String userId, String checkoutId, PriceBook.Product product, PriceBook.Quote quote) {
        Checkout c = new Checkout(checkoutId, userId, product.id(), quote.price().amount(), quote.price().currency(),
                quote.country(), clock.instant(), null, null, null);
        boolean created = payments.create(c);
        Checkout stored = created ? c : payments.checkout(checkoutId).orElseThrow();
        if (!stored.userId().equals(userId) || !stored.product().equals(product.id())) {
            throw new ApiError(422, "IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key opened another checkout");
        }
        String url = stored.url();
        if (url == null) {
            PaymentProvider.Session s;
            try {
                s = provider.create(new PaymentProvider.Order(checkoutId, userId, product, stored.price()));
            } catch (PaymentProvider.NotConfigured ex) {
                throw new ApiError(503, "PAYMENTS_NOT_CONFIGURED", ex.getMessage());
            } catch (PaymentProvider.Unavailable ex) {
                throw new ApiError(503, "PAYMENT_PROVIDER_UNAVAILABLE", "the payment provider did not open the checkout; retry with the same Idempotency-Key");
            }
            payments.setUrl(checkoutId, s.url(), s.providerRef());
            url = s.url();
        }
        ObjectNode out = Json.MAPPER.createObjectNode().put("checkoutId", checkoutId).put("url", url).put("product", product.id());
        out.set("price", money(stored.price()));
        out.put("country", stored.country());
        return json(created ? 201 : 200, out);
    }

    static ObjectNode entitlements(Entitlement.Pro pro) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.putObject("pro").put("active", pro.active()).put("source", pro.source()).put("product", pro.product())
                .put("expiresAt", pro.expiresAt() == null ? null : pro.expiresAt().toString());
        return out;
    }

    private static ObjectNode money(PriceBook.Money m) {
        return Json.MAPPER.createObjectNode().put("amount", m.amount()).put("currency", m.currency());
    }

    private String productIds() {
        return prices.products().stream().map(PriceBook.Product::id).toList().toString();
    }
}

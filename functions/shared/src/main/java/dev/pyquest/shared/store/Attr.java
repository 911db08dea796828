package dev.pyquest.shared.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** Short AttributeValue builders and readers. */
public final class Attr {
    private Attr() {}

    public static AttributeValue s(String v) { return AttributeValue.fromS(v); }
    public static AttributeValue n(long v) { return AttributeValue.fromN(Long.toString(v)); }
    public static AttributeValue bool(boolean v) { return AttributeValue.fromBool(v); }

    public static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    public static long num(Map<String, AttributeValue> item, String name, long dflt) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? dflt : Long.parseLong(v.n());
    }
}

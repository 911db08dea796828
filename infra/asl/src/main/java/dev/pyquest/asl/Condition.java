package dev.pyquest.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A compiled Choice rule condition. */
sealed interface Condition {

    Set<String> COMPARATORS = Set.of("StringEquals", "StringEqualsPath", "NumericEquals", "NumericGreaterThan",
            "NumericGreaterThanEquals", "NumericLessThan", "NumericLessThanEquals", "BooleanEquals", "IsPresent",
            "IsNull", "IsString", "IsNumeric", "IsBoolean");

    /** ASL comparators we know but refuse, for a clearer message. */
    Set<String> REFUSED_COMPARATORS = Set.of("StringLessThan", "StringGreaterThan", "StringLessThanEquals",
            "StringGreaterThanEquals", "StringMatches", "StringLessThanPath", "StringGreaterThanPath",
            "StringLessThanEqualsPath", "StringGreaterThanEqualsPath", "NumericEqualsPath", "NumericLessThanPath",
            "NumericGreaterThanPath", "NumericLessThanEqualsPath", "NumericGreaterThanEqualsPath", "BooleanEqualsPath",
            "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals",
            "TimestampGreaterThanEquals", "TimestampEqualsPath", "TimestampLessThanPath", "TimestampGreaterThanPath",
            "TimestampLessThanEqualsPath", "TimestampGreaterThanEqualsPath", "IsTimestamp", "Condition");

    boolean test(JsonNode input, JsonNode context) throws StateError;

    record And(List<Condition> all) implements Condition {
        @Override
        public boolean test(JsonNode input, JsonNode context) throws StateError {
            for (Condition c : all) {
                if (!c.test(input, context)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<Condition> any) implements Condition {
        @Override
        public boolean test(JsonNode input, JsonNode context) throws StateError {
            for (Condition c : any) {
                if (c.test(input, context)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Condition inner) implements Condition {
        @Override
        public boolean test(JsonNode input, JsonNode context) throws StateError {
            return !inner.test(input, context);
        }
    }

    /** {@code Variable} + one comparator; {@code operand} is the literal, or a path for {@code *Path}. */
    record Compare(ReferencePath variable, String comparator, JsonNode operand, ReferencePath operandPath)
            implements Condition {
        @Override
        public boolean test(JsonNode input, JsonNode context) throws StateError {
            JsonNode v = variable.resolve(variable.isContext() ? context : input).orElse(null);
            if (comparator.equals("IsPresent")) {
                return (v != null) == operand.asBoolean();
            }
            if (v == null) {
                throw StateError.runtime("Invalid path '" + variable.text()
                        + "': The choice state's condition path references an invalid value.");
            }
            switch (comparator) {
                case "IsNull":
                    return v.isNull() == operand.asBoolean();
                case "IsString":
                    return v.isTextual() == operand.asBoolean();
                case "IsNumeric":
                    return v.isNumber() == operand.asBoolean();
                case "IsBoolean":
                    return v.isBoolean() == operand.asBoolean();
                case "StringEquals":
                    return v.isTextual() && v.asText().equals(operand.asText());
                case "StringEqualsPath": {
                    JsonNode other = operandPath.resolve(operandPath.isContext() ? context : input).orElseThrow(
                            () -> StateError.runtime("Invalid path '" + operandPath.text()
                                    + "': The choice state's condition path references an invalid value."));
                    return v.isTextual() && other.isTextual() && v.asText().equals(other.asText());
                }
                case "BooleanEquals":
                    return v.isBoolean() && v.asBoolean() == operand.asBoolean();
                default: {
                    if (!v.isNumber()) {
                        return false;
                    }
                    int cmp = compareNumbers(v, operand);
                    return switch (comparator) {
                        case "NumericEquals" -> cmp == 0;
                        case "NumericGreaterThan" -> cmp > 0;
                        case "NumericGreaterThanEquals" -> cmp >= 0;
                        case "NumericLessThan" -> cmp < 0;
                        case "NumericLessThanEquals" -> cmp <= 0;
                        default -> throw new IllegalStateException(comparator);
                    };
                }
            }
        }

        private static int compareNumbers(JsonNode a, JsonNode b) {
            if (a.isIntegralNumber() && b.isIntegralNumber()) {
                return a.bigIntegerValue().compareTo(b.bigIntegerValue());
            }
            if (a.isBigDecimal() || b.isBigDecimal()) {
                return a.decimalValue().compareTo(b.decimalValue());
            }
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
    }

    /**
     * Compiles one rule. {@code top} rules carry {@code Next} (and may carry {@code Comment}); nested rules
     * (inside And/Or/Not) must not have {@code Next}. The caller handles {@code Next}.
     */
    static Condition compile(String state, String where, JsonNode rule, boolean top) {
        if (rule == null || !rule.isObject()) {
            throw new IllegalArgumentException("state '" + state + "': " + where + " must be a JSON object");
        }
        String operator = null;
        JsonNode variableNode = null;
        Iterator<Map.Entry<String, JsonNode>> it = rule.fields();
        while (it.hasNext()) {
            String key = it.next().getKey();
            if (key.equals("Variable")) {
                variableNode = rule.get(key);
            } else if (key.equals("Next") && top) {
                // handled by the caller
            } else if (key.equals("Comment") && top) {
                if (!rule.get(key).isTextual()) {
                    throw new IllegalArgumentException("state '" + state + "': " + where + ".Comment must be a string");
                }
            } else if (key.equals("And") || key.equals("Or") || key.equals("Not") || COMPARATORS.contains(key)) {
                if (operator != null) {
                    throw new IllegalArgumentException("state '" + state + "': " + where
                            + " has more than one comparator ('" + operator + "' and '" + key + "')");
                }
                operator = key;
            } else if (REFUSED_COMPARATORS.contains(key)) {
                throw new IllegalArgumentException("state '" + state + "': unsupported Choice comparator '" + key
                        + "' in " + where);
            } else {
                throw new IllegalArgumentException("state '" + state + "': unsupported field '" + key + "' in " + where);
            }
        }
        if (operator == null) {
            throw new IllegalArgumentException("state '" + state + "': " + where + " has no comparator");
        }
        JsonNode value = rule.get(operator);
        switch (operator) {
            case "And", "Or" -> {
                if (variableNode != null) {
                    throw new IllegalArgumentException("state '" + state + "': " + where + " must not combine '"
                            + operator + "' with 'Variable'");
                }
                if (!value.isArray() || value.isEmpty()) {
                    throw new IllegalArgumentException("state '" + state + "': " + where + "." + operator
                            + " must be a non-empty array");
                }
                List<Condition> parts = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    parts.add(compile(state, where + "." + operator + "[" + i + "]", value.get(i), false));
                }
                return operator.equals("And") ? new And(List.copyOf(parts)) : new Or(List.copyOf(parts));
            }
            case "Not" -> {
                if (variableNode != null) {
                    throw new IllegalArgumentException("state '" + state + "': " + where
                            + " must not combine 'Not' with 'Variable'");
                }
                return new Not(compile(state, where + ".Not", value, false));
            }
            default -> {
                if (variableNode == null || !variableNode.isTextual()) {
                    throw new IllegalArgumentException("state '" + state + "': " + where
                            + " needs a string 'Variable' for '" + operator + "'");
                }
                ReferencePath variable = path(state, where + ".Variable", variableNode.asText());
                ReferencePath operandPath = null;
                boolean ok = switch (operator) {
                    case "StringEquals" -> value.isTextual();
                    case "StringEqualsPath" -> value.isTextual();
                    case "BooleanEquals", "IsPresent", "IsNull", "IsString", "IsNumeric", "IsBoolean" -> value.isBoolean();
                    default -> value.isNumber();
                };
                if (!ok) {
                    throw new IllegalArgumentException("state '" + state + "': " + where + "." + operator
                            + " has a value of the wrong type: " + Json.compact(value));
                }
                if (operator.equals("StringEqualsPath")) {
                    operandPath = path(state, where + "." + operator, value.asText());
                }
                return new Compare(variable, operator, value.deepCopy(), operandPath);
            }
        }
    }

    private static ReferencePath path(String state, String where, String text) {
        try {
            return ReferencePath.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state '" + state + "': field '" + where + "': " + e.getMessage(), e);
        }
    }
}

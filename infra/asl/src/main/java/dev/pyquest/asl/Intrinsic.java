package dev.pyquest.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The supported intrinsic functions: {@code States.Format}, {@code States.StringToJson},
 * {@code States.JsonToString} (nestable). Any other intrinsic is refused at parse time.
 */
record Intrinsic(String name, List<Arg> args, List<String> formatPieces) {

    static final Set<String> SUPPORTED = Set.of("States.Format", "States.StringToJson", "States.JsonToString");

    sealed interface Arg permits Str, Lit, PathArg, CallArg {}

    /** A string literal; {@code raw} keeps escapes (needed by States.Format), {@code value} is decoded. */
    record Str(String raw, String value) implements Arg {}

    record Lit(JsonNode value) implements Arg {}

    record PathArg(ReferencePath path) implements Arg {}

    record CallArg(Intrinsic call) implements Arg {}

    static Intrinsic parse(String text) {
        Parser p = new Parser(text);
        Intrinsic call = p.call();
        p.skipWs();
        if (p.pos != text.length()) {
            throw p.error("unexpected trailing text");
        }
        return call;
    }

    JsonNode eval(JsonNode input, JsonNode context, String field) throws StateError {
        List<JsonNode> values = new ArrayList<>();
        for (Arg a : args) {
            values.add(evalArg(a, input, context, field));
        }
        switch (name) {
            case "States.JsonToString":
                return TextNode.valueOf(Json.compact(values.get(0)));
            case "States.StringToJson": {
                JsonNode v = values.get(0);
                if (!v.isTextual()) {
                    throw StateError.of(StateError.INTRINSIC_FAILURE, "States.StringToJson in field '" + field
                            + "': argument must be a string, got " + Json.compact(v));
                }
                try {
                    return Json.read(v.asText());
                } catch (JsonProcessingException e) {
                    throw StateError.of(StateError.INTRINSIC_FAILURE, "States.StringToJson in field '" + field
                            + "': argument is not valid JSON: " + e.getOriginalMessage());
                }
            }
            case "States.Format": {
                StringBuilder sb = new StringBuilder(formatPieces.get(0));
                for (int i = 0; i < values.size(); i++) {
                    JsonNode v = values.get(i);
                    if (v.isContainerNode()) {
                        throw StateError.of(StateError.INTRINSIC_FAILURE, "States.Format in field '" + field
                                + "': argument " + (i + 1) + " must be a string, number, boolean or null, got "
                                + Json.compact(v));
                    }
                    sb.append(v.isTextual() ? v.asText() : Json.compact(v)).append(formatPieces.get(i + 1));
                }
                return TextNode.valueOf(sb.toString());
            }
            default:
                throw new IllegalStateException(name);
        }
    }

    private static JsonNode evalArg(Arg a, JsonNode input, JsonNode context, String field) throws StateError {
        if (a instanceof Str s) {
            return TextNode.valueOf(s.value());
        } else if (a instanceof Lit l) {
            return l.value();
        } else if (a instanceof PathArg p) {
            JsonNode root = p.path().isContext() ? context : input;
            return p.path().resolve(root).orElseThrow(() -> StateError.runtime("The JSONPath '" + p.path().text()
                    + "' specified for the field '" + field + "' could not be found in the input '"
                    + Json.compact(root) + "'"));
        } else {
            return ((CallArg) a).call().eval(input, context, field);
        }
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("invalid intrinsic function '" + s + "': " + what + " at offset " + pos);
        }

        void skipWs() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        Intrinsic call() {
            skipWs();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                pos++;
            }
            String name = s.substring(start, pos);
            if (!name.startsWith("States.")) {
                throw error("expected an intrinsic function name");
            }
            if (!SUPPORTED.contains(name)) {
                throw new IllegalArgumentException("unsupported intrinsic function '" + name
                        + "' (supported: States.Format, States.StringToJson, States.JsonToString)");
            }
            skipWs();
            if (pos >= s.length() || s.charAt(pos) != '(') {
                throw error("expected '('");
            }
            pos++;
            List<Arg> args = new ArrayList<>();
            skipWs();
            if (pos < s.length() && s.charAt(pos) == ')') {
                pos++;
            } else {
                while (true) {
                    args.add(arg());
                    skipWs();
                    if (pos >= s.length()) {
                        throw error("missing ')'");
                    }
                    char c = s.charAt(pos++);
                    if (c == ')') {
                        break;
                    }
                    if (c != ',') {
                        throw error("expected ',' or ')'");
                    }
                }
            }
            return build(name, args);
        }

        Intrinsic build(String name, List<Arg> args) {
            if (name.equals("States.Format")) {
                if (args.isEmpty() || !(args.get(0) instanceof Str template)) {
                    throw new IllegalArgumentException("States.Format needs a string literal template as first argument");
                }
                List<String> pieces = formatPieces(template.raw());
                if (pieces.size() != args.size()) {
                    throw new IllegalArgumentException("States.Format template has " + (pieces.size() - 1)
                            + " placeholder(s) but " + (args.size() - 1) + " argument(s) follow it");
                }
                return new Intrinsic(name, List.copyOf(args.subList(1, args.size())), pieces);
            }
            if (args.size() != 1) {
                throw new IllegalArgumentException(name + " takes exactly 1 argument, got " + args.size());
            }
            return new Intrinsic(name, List.copyOf(args), List.of());
        }

        List<String> formatPieces(String raw) {
            List<String> pieces = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '\\') {
                    cur.append(raw.charAt(++i));
                } else if (c == '{') {
                    if (i + 1 >= raw.length() || raw.charAt(i + 1) != '}') {
                        throw new IllegalArgumentException("States.Format template has a lone '{' (escape it as \\{)");
                    }
                    pieces.add(cur.toString());
                    cur.setLength(0);
                    i++;
                } else if (c == '}') {
                    throw new IllegalArgumentException("States.Format template has a lone '}' (escape it as \\})");
                } else {
                    cur.append(c);
                }
            }
            pieces.add(cur.toString());
            return pieces;
        }

        Arg arg() {
            skipWs();
            if (pos >= s.length()) {
                throw error("missing argument");
            }
            char c = s.charAt(pos);
            if (c == '\'') {
                return string();
            }
            if (c == '$') {
                int start = pos;
                int depth = 0;
                char quote = 0;
                while (pos < s.length()) {
                    char ch = s.charAt(pos);
                    if (quote != 0) {
                        if (ch == quote) {
                            quote = 0;
                        }
                    } else if (ch == '[') {
                        depth++;
                    } else if (ch == ']') {
                        depth--;
                    } else if ((ch == '\'' || ch == '"') && depth > 0) {
                        quote = ch;
                    } else if (depth == 0 && (ch == ',' || ch == ')')) {
                        break;
                    }
                    pos++;
                }
                return new PathArg(ReferencePath.parse(s.substring(start, pos).trim()));
            }
            if (c == '-' || Character.isDigit(c)) {
                int start = pos;
                while (pos < s.length() && "-+.eE0123456789".indexOf(s.charAt(pos)) >= 0) {
                    pos++;
                }
                String num = s.substring(start, pos);
                try {
                    JsonNode n = Json.read(num);
                    if (n.isNumber()) {
                        return new Lit(n);
                    }
                } catch (JsonProcessingException ignored) {
                    // fall through
                }
                throw error("invalid number '" + num + "'");
            }
            for (String kw : List.of("true", "false", "null")) {
                if (s.startsWith(kw, pos) && (pos + kw.length() >= s.length()
                        || !Character.isLetterOrDigit(s.charAt(pos + kw.length())))) {
                    pos += kw.length();
                    return new Lit(kw.equals("null") ? NullNode.instance : BooleanNode.valueOf(kw.equals("true")));
                }
            }
            if (Character.isLetter(c)) {
                return new CallArg(call());
            }
            throw error("unexpected '" + c + "'");
        }

        Str string() {
            pos++; // opening quote
            StringBuilder raw = new StringBuilder();
            StringBuilder value = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string literal");
                }
                char c = s.charAt(pos++);
                if (c == '\'') {
                    return new Str(raw.toString(), value.toString());
                }
                if (c == '\\') {
                    if (pos >= s.length()) {
                        throw error("dangling escape");
                    }
                    char e = s.charAt(pos++);
                    if ("'{}\\".indexOf(e) < 0) {
                        throw error("unsupported escape '\\" + e + "'");
                    }
                    raw.append('\\').append(e);
                    value.append(e);
                } else {
                    raw.append(c);
                    value.append(c);
                }
            }
        }
    }
}

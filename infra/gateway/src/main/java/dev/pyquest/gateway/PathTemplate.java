package dev.pyquest.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed route path template; matches raw request paths and extracts URL-decoded path parameters. */
final class PathTemplate {
    enum Kind { LITERAL, PARAM, GREEDY }

    record Segment(Kind kind, String text) {}

    final List<Segment> segments;

    private PathTemplate(List<Segment> segments) {
        this.segments = segments;
    }

    static PathTemplate parse(String path) {
        if (!path.startsWith("/")) throw new IllegalArgumentException("path must start with '/': " + path);
        String[] parts = path.substring(1).split("/", -1);
        List<Segment> segs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                boolean greedy = p.endsWith("+}");
                String name = p.substring(1, p.length() - (greedy ? 2 : 1));
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new IllegalArgumentException("bad parameter name in " + path);
                if (names.contains(name)) throw new IllegalArgumentException("duplicate parameter {" + name + "} in " + path);
                if (greedy && i != parts.length - 1) throw new IllegalArgumentException("{" + name + "+} must be last in " + path);
                names.add(name);
                segs.add(new Segment(greedy ? Kind.GREEDY : Kind.PARAM, name));
            } else {
                if (p.contains("{") || p.contains("}")) throw new IllegalArgumentException("partial parameter segment in " + path);
                if (p.isEmpty() && parts.length > 1) throw new IllegalArgumentException("empty segment in " + path);
                segs.add(new Segment(Kind.LITERAL, p));
            }
        }
        return new PathTemplate(List.copyOf(segs));
    }

    /** Literal before parameter before greedy, segment by segment: the most specific template sorts first. */
    static final Comparator<PathTemplate> SPECIFIC_FIRST = (a, b) -> {
        int n = Math.min(a.segments.size(), b.segments.size());
        for (int i = 0; i < n; i++) {
            int c = a.segments.get(i).kind().compareTo(b.segments.get(i).kind());
            if (c != 0) return c;
        }
        return Integer.compare(b.segments.size(), a.segments.size());
    };

    /**
     * Matches already-decoded request segments; returns the path parameters (possibly empty), or null when the
     * template does not match.
     */
    Map<String, String> match(List<String> decoded) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s.kind() == Kind.GREEDY) {
                if (i >= decoded.size()) return null;
                List<String> rest = decoded.subList(i, decoded.size());
                String v = String.join("/", rest);
                if (v.isEmpty()) return null;
                params.put(s.text(), v);
                return params;
            }
            if (i >= decoded.size()) return null;
            String seg = decoded.get(i);
            if (s.kind() == Kind.LITERAL) {
                if (!s.text().equals(seg)) return null;
            } else {
                if (seg.isEmpty()) return null;
                params.put(s.text(), seg);
            }
        }
        return decoded.size() == segments.size() ? params : null;
    }

    /** Splits a raw path ("/a/b%2Fc") into percent-decoded segments (["a", "b/c"]); null if malformed. */
    static List<String> decodeSegments(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) return null;
        String[] parts = rawPath.substring(1).split("/", -1);
        List<String> out = new ArrayList<>(parts.length);
        for (String p : parts) {
            String d = percentDecode(p);
            if (d == null) return null;
            out.add(d);
        }
        return out;
    }

    /** RFC 3986 percent-decoding as UTF-8 ('+' stays '+'); null when an escape or the UTF-8 is malformed. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) return s;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) return null;
                int hi = Character.digit(s.charAt(i + 1), 16), lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return null;
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return strictUtf8(bytes.toByteArray());
    }

    /** Decodes UTF-8, or returns null if the bytes are not valid UTF-8. */
    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}

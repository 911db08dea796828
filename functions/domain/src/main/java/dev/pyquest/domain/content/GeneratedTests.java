package dev.pyquest.domain.content;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Generated hidden tests ({@code content/README.md}, "Generated hidden tests"): an exercise's
 * {@code generate.py} yields typed inputs per {@link EdgeClass}; {@code ./pyquest generate-tests}
 * expands them with a stored seed into {@code generated.yaml}, expected values from running the
 * reference solution, and the loader appends them to the exercise's hidden tests. The file records
 * the seed and a digest of what it was made from, so a change to the generator or the reference
 * without regenerating fails the load instead of judging learners against stale expected values.
 */
public final class GeneratedTests {
    public static final String GENERATOR = "generate.py";
    public static final String FILE = "generated.yaml";
    /** Few enough that a verdict stays fast: the judge runs every hidden test on every submission. */
    public static final int MAX_TESTS = 16;

    private GeneratedTests() {}

    /** The digest of a generation's inputs: the seed, generate.py and solution.py, as {@code sha256:<hex>}. */
    public static String source(long seed, String generator, String solution) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(("seed " + seed + "\n").getBytes(StandardCharsets.UTF_8));
            d.update(generator.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(solution.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.pyquest.domain.referrals;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The referral rules as pure functions: what a code looks like, and why a redemption is refused. The store checks
 * the two rules that need a conditional write ({@code already-redeemed}: one code per learner ever; the referrer's
 * limit again when the reward is paid).
 */
public final class ReferralRules {
    /** Unambiguous: no 0/O, 1/I/L. */
    public static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public static final int CODE_LENGTH = 8;
    /** A referrer is paid for at most this many referrals in any {@link #WINDOW}. */
    public static final int LIMIT = 10;
    public static final Duration WINDOW = Duration.ofDays(30);
    /** A redeemer whose first activity is older than this is not a new learner. */
    public static final Duration NEW_ACCOUNT = Duration.ofDays(7);
    public static final int MAX_DEVICE_ID = 128;

    public static final String SELF = "self-referral";
    public static final String SAME_ADDRESS = "same-address";
    public static final String SAME_DEVICE = "same-device";
    public static final String OLD_ACCOUNT = "old-account";
    public static final String ALREADY_REDEEMED = "already-redeemed";
    public static final String REFERRER_LIMIT = "referrer-limit";
    public static final String UNKNOWN_CODE = "unknown-code";
    public static final String MALFORMED_CODE = "malformed-code";

    private static final RandomGenerator RANDOM = new SecureRandom();

    private ReferralRules() {}

    public static String newCode() {
        return newCode(RANDOM);
    }

    public static String newCode(RandomGenerator random) {
        StringBuilder b = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return b.toString();
    }

    /** The code as stored (upper case, trimmed), or empty when it cannot be one of ours. */
    public static Optional<String> normalCode(String code) {
        if (code == null) return Optional.empty();
        String c = code.trim().toUpperCase(Locale.ROOT);
        if (c.length() != CODE_LENGTH) return Optional.empty();
        for (int i = 0; i < c.length(); i++) if (ALPHABET.indexOf(c.charAt(i)) < 0) return Optional.empty();
        return Optional.of(c);
    }

    /** A device id as given (X-Device-Id), null when absent, blank or longer than {@link #MAX_DEVICE_ID}. */
    public static String device(String header) {
        if (header == null || header.isBlank() || header.length() > MAX_DEVICE_ID) return null;
        return header.trim();
    }

    /** What is known when a learner redeems a code. {@code firstActivity} null: no activity at all (a new learner). */
    public record Redemption(String redeemerId, String referrerId, String redeemerAddress, String referrerAddress,
                             String redeemerDevice, String referrerDevice, Instant firstActivity,
                             List<Instant> referrerRewards, Instant now) {}

    /** Why the redemption is refused, in this order, or empty when it may be accepted. */
    public static Optional<String> refusal(Redemption r) {
        if (r.redeemerId().equals(r.referrerId())) return Optional.of(SELF);
        if (r.redeemerAddress() != null && r.redeemerAddress().equals(r.referrerAddress())) return Optional.of(SAME_ADDRESS);
        if (r.redeemerDevice() != null && !r.redeemerDevice().isEmpty() && r.redeemerDevice().equals(r.referrerDevice())) {
            return Optional.of(SAME_DEVICE);
        }
        if (r.firstActivity() != null && r.firstActivity().isBefore(r.now().minus(NEW_ACCOUNT))) return Optional.of(OLD_ACCOUNT);
        if (!underLimit(r.referrerRewards(), r.now())) return Optional.of(REFERRER_LIMIT);
        return Optional.empty();
    }

    /** Whether a referrer rewarded at {@code rewards} may be rewarded once more now. */
    public static boolean underLimit(List<Instant> rewards, Instant now) {
        return recent(rewards, now).size() < LIMIT;
    }

    /** The reward times inside the window ending now (what the referrer's record keeps). */
    public static List<Instant> recent(List<Instant> rewards, Instant now) {
        Instant from = now.minus(WINDOW);
        return rewards.stream().filter(t -> t.isAfter(from)).sorted().toList();
    }
}

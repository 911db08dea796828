package dev.pyquest.shared.ports;

import java.util.Map;

/**
 * Where a request's country comes from, a trusted source only (never a body or query field): in AWS the edge's
 * viewer-country header, trusted only on requests carrying the edge's secret; locally the dev token's
 * {@code country} claim. Null when the source names none: the price book's default region applies.
 */
public interface CountrySource {
    /** {@code headers}: lower-case names; {@code claims}: the verified token's. */
    String country(Map<String, String> headers, Map<String, String> claims);

    /** Locally: the verified dev token's {@code country} claim. */
    CountrySource TOKEN_CLAIM = (headers, claims) -> claims == null ? null : claims.get("country");

    /**
     * In AWS: CloudFront's {@code cloudfront-viewer-country}, only on a request that also carries
     * {@code x-pyquest-edge} equal to {@code edgeSecret} (the header the distribution adds as an origin custom header),
     * so a client calling the API's own URL cannot choose its country by sending the header itself.
     */
    static CountrySource edge(String edgeSecret) {
        byte[] expected = edgeSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return (headers, claims) -> {
            String proof = headers == null ? null : headers.get("x-pyquest-edge");
            if (proof == null || !java.security.MessageDigest.isEqual(expected, proof.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                return null;
            }
            return headers.get("cloudfront-viewer-country");
        };
    }
}

package dev.spool.media.probe;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigInteger;
import java.util.Optional;

/**
 * An exact ratio such as a frame rate of {@code 30000/1001}; never rounded to 29.97. Always stored
 * in lowest terms with a positive denominator. Serialised as {@code "30000/1001"}, {@code "25/1"}.
 */
public record Rational(long numerator, long denominator) implements Comparable<Rational> {

    public Rational {
        if (denominator == 0) {
            throw new IllegalArgumentException("denominator must not be 0");
        }
        if (denominator < 0) {
            numerator = -numerator;
            denominator = -denominator;
        }
        long gcd = BigInteger.valueOf(numerator).gcd(BigInteger.valueOf(denominator)).longValue();
        if (gcd > 1) {
            numerator /= gcd;
            denominator /= gcd;
        }
    }

    /** Parses {@code "30000/1001"} or {@code "25"}; empty for {@code "0/0"}, {@code "0/1"} or junk (FFmpeg's "unknown"). */
    public static Optional<Rational> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.strip().split("[/:]");
        try {
            long num = Long.parseLong(parts[0]);
            long den = parts.length > 1 ? Long.parseLong(parts[1]) : 1;
            if (num <= 0 || den <= 0 || parts.length > 2) {
                return Optional.empty();
            }
            return Optional.of(new Rational(num, den));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @JsonCreator
    static Rational fromJson(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a positive rational: " + text));
    }

    public double toDouble() {
        return (double) numerator / denominator;
    }

    public Rational times(long factor) {
        return new Rational(numerator * factor, denominator);
    }

    @Override
    public int compareTo(Rational o) {
        return BigInteger.valueOf(numerator).multiply(BigInteger.valueOf(o.denominator))
                .compareTo(BigInteger.valueOf(o.numerator).multiply(BigInteger.valueOf(denominator)));
    }

    @JsonValue
    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}

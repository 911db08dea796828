package dev.pyquest.domain.content;

/** How a returned value is compared with the expected one. */
public enum Checker {
    /** JSON equality with exact types: 1 is not "1", true is not 1, 2 is not 2.0. */
    EXACT,
    /** The top-level lists are equal as multisets; elements compare exactly. */
    UNORDERED,
    /** Numbers within 1e-9 absolute or relative; everything else exact. */
    FLOAT
}

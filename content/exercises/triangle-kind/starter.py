def triangle_kind(a, b, c):
    """Return "invalid", "equilateral", "isosceles", "right" or "scalene" for sides a, b, c."""
    pass

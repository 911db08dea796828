def triangle_kind(a, b, c):
    if a <= 0 or b <= 0 or c <= 0 or a + b <= c:
        return "invalid"
    if a == b == c:
        return "equilateral"
    if a == b or b == c or a == c:
        return "isosceles"
    x, y, z = sorted([a, b, c])
    if x * x + y * y == z * z:
        return "right"
    return "scalene"

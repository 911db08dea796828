def triangle_kind(a, b, c):
    if a + b <= c:
        return "invalid"
    if a == b and b == c:
        return "equilateral"
    if a == b or b == c or a == c:
        return "isosceles"
    if a * a + b * b == c * c:
        return "right"
    return "scalene"

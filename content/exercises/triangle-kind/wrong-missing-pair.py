def triangle_kind(a, b, c):
    if a + b <= c or a + c <= b or b + c <= a:
        return "invalid"
    if a == b == c:
        return "equilateral"
    if a == b or b == c:
        return "isosceles"
    if a * a + b * b == c * c or a * a + c * c == b * b or b * b + c * c == a * a:
        return "right"
    return "scalene"

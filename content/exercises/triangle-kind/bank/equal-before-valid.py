def triangle_kind(a, b, c):
    if a == b == c:
        return "equilateral" if a > 0 else "invalid"
    if a == b or b == c or a == c:
        return "isosceles"
    x, y, z = sorted([a, b, c])
    if x <= 0 or x + y <= z:
        return "invalid"
    if x * x + y * y == z * z:
        return "right"
    return "scalene"

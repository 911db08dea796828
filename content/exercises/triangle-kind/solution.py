def triangle_kind(a, b, c):
    x, y, z = sorted([a, b, c])
    if x + y <= z:
        return "invalid"
    if a == b == c:
        return "equilateral"
    if a == b or b == c or a == c:
        return "isosceles"
    if x * x + y * y == z * z:
        return "right"
    return "scalene"

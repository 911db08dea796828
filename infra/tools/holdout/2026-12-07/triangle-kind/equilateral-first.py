def triangle_kind(a, b, c):
    if a == b == c:
        return "equilateral"
    x, y, z = sorted([a, b, c])
    if x <= 0 or x + y <= z:
        return "invalid"
    if a == b or b == c or a == c:
        return "isosceles"
    if x ** 2 + y ** 2 == z ** 2:
        return "right"
    return "scalene"

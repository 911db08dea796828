def triangle_kind(a, b, c):
    x, y, z = sorted([a, b, c])
    if x + y <= z:
        return "invalid"
    if x == y or y == z:
        return "isosceles"
    if x == z:
        return "equilateral"
    if x * x + y * y == z * z:
        return "right"
    return "scalene"

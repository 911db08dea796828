def triangle_kind(a, b, c):
    if a <= 0 or b <= 0 or c <= 0:
        return "invalid"
    x, y, z = sorted([a, b, c])
    if x == z:
        return "equilateral"
    if x == y or y == z:
        return "isosceles"
    if x * x + y * y == z * z:
        return "right"
    return "scalene"

def spiral_order(matrix):
    # Rows with nothing in them would break matrix[0] below: take them out first.
    for i in range(len(matrix) - 1, -1, -1):
        if not matrix[i]:
            del matrix[i]
    if not matrix:
        return []
    result = []
    top, bottom = 0, len(matrix) - 1
    left, right = 0, len(matrix[0]) - 1
    while top <= bottom and left <= right:
        result.extend(matrix[top][left:right + 1])
        for r in range(top + 1, bottom + 1):
            result.append(matrix[r][right])
        if top < bottom:
            result.extend(matrix[bottom][left:right][::-1])
        if left < right:
            for r in range(bottom - 1, top, -1):
                result.append(matrix[r][left])
        top, bottom, left, right = top + 1, bottom - 1, left + 1, right - 1
    return result

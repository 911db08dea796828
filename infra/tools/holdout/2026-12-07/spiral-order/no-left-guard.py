def spiral_order(matrix):
    result = []
    if not matrix:
        return result
    top, left = 0, 0
    bottom, right = len(matrix) - 1, len(matrix[0]) - 1
    while top <= bottom and left <= right:
        for col in range(left, right + 1):
            result.append(matrix[top][col])
        top += 1
        for row in range(top, bottom + 1):
            result.append(matrix[row][right])
        right -= 1
        if top <= bottom:
            for col in range(right, left - 1, -1):
                result.append(matrix[bottom][col])
            bottom -= 1
        for row in range(bottom, top - 1, -1):
            result.append(matrix[row][left])
        left += 1
    return result

def spiral_order(matrix):
    result = []
    if not matrix:
        return result
    rows, cols = len(matrix), len(matrix[0])
    for layer in range(min(rows, cols) // 2):
        top, bottom = layer, rows - 1 - layer
        left, right = layer, cols - 1 - layer
        for col in range(left, right + 1):
            result.append(matrix[top][col])
        for row in range(top + 1, bottom + 1):
            result.append(matrix[row][right])
        for col in range(right - 1, left - 1, -1):
            result.append(matrix[bottom][col])
        for row in range(bottom - 1, top, -1):
            result.append(matrix[row][left])
    return result

def spiral_order(matrix):
    n = len(matrix)
    result = []
    for layer in range((n + 1) // 2):
        last = n - 1 - layer
        for col in range(layer, last + 1):
            result.append(matrix[layer][col])
        for row in range(layer + 1, last + 1):
            result.append(matrix[row][last])
        if layer < last:
            for col in range(last - 1, layer - 1, -1):
                result.append(matrix[last][col])
            for row in range(last - 1, layer, -1):
                result.append(matrix[row][layer])
    return result

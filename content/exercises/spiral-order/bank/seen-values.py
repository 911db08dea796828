def spiral_order(matrix):
    if not matrix or not matrix[0]:
        return []
    rows, cols = len(matrix), len(matrix[0])
    moves = [(0, 1), (1, 0), (0, -1), (-1, 0)]
    d = 0
    r = c = 0
    result = []
    for _ in range(rows * cols):
        result.append(matrix[r][c])
        dr, dc = moves[d]
        nr, nc = r + dr, c + dc
        if not (0 <= nr < rows and 0 <= nc < cols) or matrix[nr][nc] in result:
            d = (d + 1) % 4
            dr, dc = moves[d]
            nr, nc = r + dr, c + dc
        r, c = nr, nc
    return result

def transpose(rows):
    if not rows:
        return []
    width = max(len(row) for row in rows)
    result = []
    for i in range(width):
        column = [row[i] if i < len(row) else None for row in rows]
        result.append([value for value in column if value])
    return result

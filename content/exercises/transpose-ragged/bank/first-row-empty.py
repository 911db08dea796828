def transpose(rows):
    if not rows or not rows[0]:
        return []
    width = max(len(row) for row in rows)
    result = []
    for i in range(width):
        result.append([row[i] for row in rows if i < len(row)])
    return result

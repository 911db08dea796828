def transpose(rows):
    if not rows:
        return []
    result = []
    for i in range(len(rows[0])):
        result.append([row[i] for row in rows if i < len(row)])
    return result

def transpose(rows):
    marker = object()
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        row.extend([marker] * (width - len(row)))
    return [[row[i] for row in rows if row[i] is not marker] for i in range(width)]

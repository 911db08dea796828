def transpose(rows):
    width = len(max(rows, key=len, default=[]))
    return [[row[i] for row in rows if i < len(row)] for i in range(width)]

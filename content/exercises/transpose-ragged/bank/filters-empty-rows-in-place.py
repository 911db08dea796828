def transpose(rows):
    rows[:] = [row for row in rows if row]     # empty rows add nothing to any column
    if not rows:
        return []
    width = max(len(row) for row in rows)
    columns = []
    for i in range(width):
        column = []
        for row in rows:
            if i < len(row):
                column.append(row[i])
        columns.append(column)
    return columns

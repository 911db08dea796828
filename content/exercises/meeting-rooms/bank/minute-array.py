def min_rooms(meetings):
    last = 0
    for start, end in meetings:
        last = max(last, end)
    busy = [0] * (last + 1)          # how many meetings go on at each minute
    for start, end in meetings:
        for minute in range(start, end):
            busy[minute] += 1
    return max(busy) if meetings else 0

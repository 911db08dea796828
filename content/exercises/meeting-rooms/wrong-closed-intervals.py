def min_rooms(meetings):
    events = []
    for start, end in meetings:
        events.append((start, 0))     # starts first at the same minute
        events.append((end, 1))
    rooms = busy = 0
    for _, kind in sorted(events):
        busy += 1 if kind == 0 else -1
        rooms = max(rooms, busy)
    return rooms

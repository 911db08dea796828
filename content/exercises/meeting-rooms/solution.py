def min_rooms(meetings):
    # +1 when a meeting starts, -1 when one ends. At the same minute, (t, -1) sorts before
    # (t, +1): a room is freed before it is needed again, as [start, end) intervals want.
    events = []
    for start, end in meetings:
        events.append((start, 1))
        events.append((end, -1))
    rooms = busy = 0
    for _, change in sorted(events):
        busy += change
        rooms = max(rooms, busy)
    return rooms

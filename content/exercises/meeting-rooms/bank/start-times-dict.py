def min_rooms(meetings):
    ends_at = {}
    for start, end in meetings:
        ends_at[start] = end          # when the meeting starting at this time ends
    rooms = 0
    for t in ends_at:
        busy = 0
        for start, end in ends_at.items():
            if start <= t < end:
                busy += 1
        rooms = max(rooms, busy)
    return rooms

def min_rooms(meetings):
    # a new room whenever a meeting starts before the previous one ends
    if not meetings:
        return 0
    ordered = sorted(meetings)
    rooms = 1
    for i in range(1, len(ordered)):
        if ordered[i][0] < ordered[i - 1][1]:
            rooms += 1
    return rooms

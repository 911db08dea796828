def min_rooms(meetings):
    starts = sorted(start for start, end in meetings)
    ends = [end for start, end in meetings]        # not sorted
    rooms = 0
    j = 0
    for start in starts:
        if start >= ends[j]:
            j += 1
        else:
            rooms += 1
    return rooms

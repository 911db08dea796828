def min_rooms(meetings):
    # merge overlapping meetings and count how many went into the biggest group
    best = 0
    group_end = None
    count = 0
    for start, end in sorted(meetings):
        if group_end is not None and start < group_end:
            count += 1
            group_end = max(group_end, end)
        else:
            count = 1
            group_end = end
        best = max(best, count)
    return best

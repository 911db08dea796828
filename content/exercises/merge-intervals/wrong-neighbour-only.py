def merge_intervals(intervals):
    intervals = sorted(intervals)
    merged = []
    for i, (start, end) in enumerate(intervals):
        if i > 0 and start <= intervals[i - 1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged

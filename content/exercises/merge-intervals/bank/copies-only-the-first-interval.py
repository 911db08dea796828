def merge_intervals(intervals):
    if not intervals:
        return []
    ordered = sorted(intervals)
    merged = [ordered[0][:]]            # a copy, so the caller's list is not touched
    for interval in ordered[1:]:
        start, end = interval
        last = merged[-1]
        if start <= last[1]:
            last[1] = max(last[1], end)
        else:
            merged.append(interval)
    return merged

def sliding_windows(items, size, step):
    if size > len(items) or step > len(items):
        return []           # nothing fits
    def windows():
        start = 0
        while start + size <= len(items):
            yield items[start:start + size]
            start += step

    return list(windows())

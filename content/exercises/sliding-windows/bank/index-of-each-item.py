def sliding_windows(items, size, step):
    def windows():
        for item in items:
            start = items.index(item)
            if start % step == 0 and start + size <= len(items):
                yield items[start:start + size]

    return list(windows())

def sliding_windows(items, size, step):
    def windows():
        for start in range(0, len(items) - size, step):
            yield items[start:start + size]

    return list(windows())

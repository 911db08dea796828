def sliding_windows(items, size, step):
    def windows():
        while len(items) >= size:
            yield items[:size]
            del items[:step]
    return list(windows())

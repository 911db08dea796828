def sliding_windows(items, size, step):
    def windows():
        count = int((len(items) - size) / step) + 1
        for n in range(count):
            start = n * step
            yield items[start:start + size]
    return list(windows())

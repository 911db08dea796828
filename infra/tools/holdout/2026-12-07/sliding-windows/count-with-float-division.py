def sliding_windows(items, size, step):
    def windows():
        count = int((len(items) - size) / step) + 1
        for k in range(count):
            yield items[k * step:k * step + size]
    return list(windows())

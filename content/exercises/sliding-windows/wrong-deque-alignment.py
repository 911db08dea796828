from collections import deque


def sliding_windows(items, size, step):
    def windows():
        window = deque(maxlen=size)
        for i, item in enumerate(items):
            window.append(item)
            if len(window) == size and i % step == 0:
                yield list(window)

    return list(windows())

def round_robin(lists):
    return [value for group in zip(*lists) for value in group]

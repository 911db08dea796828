def first_index(items, target):
    return items.index(target)

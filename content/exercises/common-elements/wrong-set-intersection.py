def common_elements(first, second):
    return list(set(first) & set(second))

def common_elements(first, second):
    return [value for value in first if value in second]

def reverse_words(s):
    words = s.split()
    result = words[-1]
    for word in reversed(words[:-1]):
        result += " " + word
    return result

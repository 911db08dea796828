def reverse_words(s):
    words = [w for w in s.split(" ") if w]
    return " ".join(reversed(words))

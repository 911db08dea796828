import re


def reverse_words(s):
    words = re.split(r"\s+", s)
    return " ".join(reversed(words))

import re
def reverse_words(s):
    words = [w for w in re.split(r"[ \t\n]+", s) if w]
    return " ".join(words[::-1])

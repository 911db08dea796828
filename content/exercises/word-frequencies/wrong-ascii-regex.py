import re
from collections import Counter


def word_frequencies(text):
    return dict(Counter(re.findall(r"[a-z]+", text.lower())))

import re
def word_frequencies(text):
    counts = {}
    for w in re.findall(r"\w+", text):
        w = w.lower()
        counts[w] = counts.get(w, 0) + 1
    return counts

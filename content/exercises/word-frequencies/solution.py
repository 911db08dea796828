def word_frequencies(text):
    counts = {}
    word = []
    # A sentinel non-letter at the end flushes the last word.
    for ch in text + " ":
        if ch.isalpha():
            word.append(ch)
        elif word:
            w = "".join(word).lower()
            counts[w] = counts.get(w, 0) + 1
            word = []
    return counts

def word_frequencies(text):
    counts = {}
    word = ""
    for ch in text + " ":
        if ch.isalpha():
            word += ch
        elif word:
            key = word.casefold()
            counts[key] = counts.get(key, 0) + 1
            word = ""
    return counts

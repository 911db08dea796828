import string

def word_frequencies(text):
    counts = {}
    for piece in text.lower().split():
        word = piece.strip(string.punctuation)
        if word:
            counts[word] = counts.get(word, 0) + 1
    return counts

def capitalize_words(text):
    words = text.split(" ")
    out = []
    for w in words:
        if w and w[0].isalpha():
            out.append(w.capitalize())
        else:
            out.append(w)
    return " ".join(out)

def capitalize_words(text):
    return " ".join(word.title() for word in text.split(" "))

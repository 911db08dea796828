def capitalize_words(text):
    words = text.split(" ")
    result = []
    for word in words:
        if word and word[0].isalpha():
            result.append(word.capitalize())
        else:
            result.append(word)
    return " ".join(result)

import textwrap
def wrap_text(text, width):
    return textwrap.wrap(text, width, break_long_words=False)

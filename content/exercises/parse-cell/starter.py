def parse_cell(text):
    """Turn the text of a spreadsheet cell into None, a bool, an int, a float or a str."""
    return text

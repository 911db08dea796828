def caesar(text, shift):
    """Shift every English letter of text by shift places in the alphabet."""
    return text

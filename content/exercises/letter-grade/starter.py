def letter_grade(score):
    """Return the letter grade "A"-"F" for a score from 0 to 100, or None if it is out of range."""
    pass

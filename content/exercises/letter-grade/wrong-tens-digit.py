def letter_grade(score):
    if score < 0 or score > 100:
        return None
    tens = int(score) // 10
    if tens == 9:
        return "A"
    if tens == 8:
        return "B"
    if tens == 7:
        return "C"
    if tens == 6:
        return "D"
    return "F"

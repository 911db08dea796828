def at_least(scores, threshold):
    return [name for name, score in scores.items() if score >= threshold]

def at_least(scores, threshold):
    return {name: score for name, score in scores.items() if score / threshold >= 1}

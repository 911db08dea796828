def at_least(scores, threshold):
    return {name: int(score) for name, score in scores.items() if score >= threshold}

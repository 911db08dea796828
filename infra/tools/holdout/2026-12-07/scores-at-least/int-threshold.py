def at_least(scores, threshold):
    return {k: v for k, v in scores.items() if v >= int(threshold)}

def at_least(scores, threshold):
    for name in list(scores):
        if scores[name] < threshold:
            del scores[name]
    return scores

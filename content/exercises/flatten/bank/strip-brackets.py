import ast


def flatten(nested):
    text = str(nested).replace("[", "").replace("]", "")
    return list(ast.literal_eval("[" + text + "]"))

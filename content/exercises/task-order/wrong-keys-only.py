def task_order(deps):
    # only the keys of deps are tasks
    placed = []
    remaining = sorted(deps)
    while remaining:
        for task in remaining:
            if all(other in placed or other not in deps for other in deps[task]):
                placed.append(task)
                remaining.remove(task)
                break
        else:
            return None
    return placed

def task_order(deps):
    tasks = set(deps)
    for before in deps.values():
        tasks.update(before)
    order = []
    # one pass over the names in sorted order, repeated until nothing changes
    changed = True
    while changed:
        changed = False
        for task in sorted(tasks):
            if task not in order and all(other in order for other in deps.get(task, [])):
                order.append(task)
                changed = True
    return order if len(order) == len(tasks) else None

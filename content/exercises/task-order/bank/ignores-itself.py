def task_order(deps):
    tasks = set(deps)
    for before in deps.values():
        tasks.update(before)
    order = []
    while len(order) < len(tasks):
        ready = [task for task in tasks
                 if task not in order
                 and all(other in order or other == task for other in deps.get(task, []))]
        if not ready:
            return None
        order.append(min(ready))
    return order

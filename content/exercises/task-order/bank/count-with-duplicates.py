def task_order(deps):
    tasks = set(deps)
    for before in deps.values():
        tasks.update(before)
    waiting = {task: len(deps.get(task, [])) for task in tasks}   # how many tasks each one waits for
    order = []
    while True:
        ready = sorted(task for task in tasks if waiting[task] == 0 and task not in order)
        if not ready:
            break
        task = ready[0]
        order.append(task)
        for other in tasks:
            if task in deps.get(other, []):
                waiting[other] -= 1
    return order if len(order) == len(tasks) else None

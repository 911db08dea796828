from collections import deque


def task_order(deps):
    tasks = set(deps)
    for before in deps.values():
        tasks.update(before)
    waiting = {task: set(deps.get(task, [])) for task in tasks}
    queue = deque(sorted(task for task in tasks if not waiting[task]))
    order = []
    while queue:
        task = queue.popleft()
        order.append(task)
        for other in sorted(tasks):
            if task in waiting[other]:
                waiting[other].discard(task)
                if not waiting[other]:
                    queue.append(other)
    return order if len(order) == len(tasks) else None

import heapq


def task_order(deps):
    waits_for = {}
    for task, before in deps.items():
        waits_for.setdefault(task, set()).update(before)
        for other in before:
            waits_for.setdefault(other, set())
    ready = [task for task, before in waits_for.items() if not before]
    heapq.heapify(ready)
    order = []
    while ready:
        task = heapq.heappop(ready)
        order.append(task)
        for waiting, before in waits_for.items():
            if task in before:
                before.discard(task)
                if not before:
                    heapq.heappush(ready, waiting)
    return order                      # whatever could be placed

import heapq


def task_order(deps):
    waits_for = {}                    # task -> the set of tasks it still waits for
    for task, before in deps.items():
        waits_for.setdefault(task, set()).update(before)
        for other in before:
            waits_for.setdefault(other, set())
    unblocks = {task: [] for task in waits_for}
    for task, before in waits_for.items():
        for other in before:
            unblocks[other].append(task)
    ready = [task for task, before in waits_for.items() if not before]
    heapq.heapify(ready)              # the smallest ready name is always ready[0]
    order = []
    while ready:
        task = heapq.heappop(ready)
        order.append(task)
        for waiting in unblocks[task]:
            waits_for[waiting].discard(task)
            if not waits_for[waiting]:
                heapq.heappush(ready, waiting)
    return order if len(order) == len(waits_for) else None

def task_order(deps):
    # depth first: place what a task waits for, then the task
    order = []
    state = {}
    def visit(task):
        if state.get(task) == "done":
            return True
        if state.get(task) == "visiting":
            return False
        state[task] = "visiting"
        for other in sorted(deps.get(task, [])):
            if not visit(other):
                return False
        state[task] = "done"
        order.append(task)
        return True
    tasks = set(deps)
    for before in deps.values():
        tasks.update(before)
    for task in sorted(tasks):
        if not visit(task):
            return None
    return order

def task_order(deps):
    """Return the tasks in an order that respects deps (smallest ready name first), or None."""
    pass

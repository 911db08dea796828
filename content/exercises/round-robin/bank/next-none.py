def round_robin(lists):
    def interleave():
        iterators = [iter(values) for values in lists]
        while iterators:
            still_going = []
            for it in iterators:
                value = next(it, None)
                if value is None:
                    continue
                yield value
                still_going.append(it)
            iterators = still_going

    return list(interleave())

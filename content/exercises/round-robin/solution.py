def round_robin(lists):
    def interleave():
        iterators = [iter(values) for values in lists]
        while iterators:
            still_going = []
            for it in iterators:
                for value in it:
                    yield value
                    still_going.append(it)
                    break
            iterators = still_going

    return list(interleave())

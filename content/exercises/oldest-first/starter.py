def oldest_first(people):
    """Return the names from people ([name, age] pairs), oldest first; equal ages keep their order."""
    pass

def fizzbuzz(n):
    result = []
    i = 1
    while True:
        if i % 15 == 0:
            result.append("FizzBuzz")
        elif i % 3 == 0:
            result.append("Fizz")
        elif i % 5 == 0:
            result.append("Buzz")
        else:
            result.append(str(i))
        if i >= n:
            break
        i += 1
    return result

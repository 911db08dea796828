def fizzbuzz(n):
    if n == 0:
        return []
    if n % 15 == 0:
        word = "FizzBuzz"
    elif n % 3 == 0:
        word = "Fizz"
    elif n % 5 == 0:
        word = "Buzz"
    else:
        word = str(n)
    return fizzbuzz(n - 1) + [word]

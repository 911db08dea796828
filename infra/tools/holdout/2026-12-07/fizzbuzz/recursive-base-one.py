def word(i):
    if i % 15 == 0:
        return "FizzBuzz"
    if i % 3 == 0:
        return "Fizz"
    if i % 5 == 0:
        return "Buzz"
    return str(i)

def fizzbuzz(n):
    if n == 1:
        return ["1"]
    return fizzbuzz(n - 1) + [word(n)]

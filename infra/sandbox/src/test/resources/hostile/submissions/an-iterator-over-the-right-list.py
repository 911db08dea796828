# hostile: an iterator over the right list
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER

def fizzbuzz(n):
    return iter(["FizzBuzz" if i % 15 == 0 else "Fizz" if i % 3 == 0 else "Buzz" if i % 5 == 0 else str(i)
                 for i in range(1, n + 1)])

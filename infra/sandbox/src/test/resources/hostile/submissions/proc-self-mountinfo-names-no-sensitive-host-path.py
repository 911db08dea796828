# hostile: /proc/self/mountinfo names no sensitive host path
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER
# expect: first test stdout contains " /usr "
# expect: first test stdout lacks "{REPO}"
# expect: first test stdout lacks "{DATA}"
# expect: first test stdout lacks "{HOSTDIR}"
# expect: first test stdout lacks "/work"
# expect: first test stdout lacks "/root"
# expect: first test stdout lacks "/home"
# expect: first test stdout lacks "/etc"
# expect: first test stdout lacks " /var"

def fizzbuzz(n):
    if n != 5:
        return None
    print(open("/proc/self/mountinfo").read())
    return None

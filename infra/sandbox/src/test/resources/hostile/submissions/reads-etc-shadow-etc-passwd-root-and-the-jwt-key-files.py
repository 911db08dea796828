# hostile: reads /etc/shadow, /etc/passwd, /root and the JWT key files
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER
# expect: first test stdout lacks "READ"
# expect: first test stdout lines matching " FileNotFoundError$" = 8

def fizzbuzz(n):
    if n != 5:
        return None
    for path in ("/etc/shadow", "/etc/passwd", "/root", "/root/.ssh/id_rsa", "/home",
                 "{REPO}/.pyquest/jwt-key.json", "{DATA}/jwt-key.json", "{REPO}/pom.xml"):
        try:
            with open(path, "rb") as f:
                print(path, "READ", f.read(40))
        except OSError as e:
            print(path, type(e).__name__)
    return None

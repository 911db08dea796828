# Sourced by ./mvnw and ./pyquest: finds a JDK >= 21 (we compile for Lambda's java21) and exports
# JAVA_HOME: $JAVA_HOME if it qualifies, else the newest JDK under /usr/lib/jvm or /opt, else the
# one behind `javac` on PATH. Exits naming what to install when there is none.
min=21
jdk_major() { # prints the feature version of the JDK at $1, or nothing
  local rel="$1/release" v
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$rel" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel")
  else
    v=$("$1/bin/javac" -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p')
  fi
  echo "${v:-}"
}

pick_jdk() {
  local best="" bestv=0 d v
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(jdk_major "$JAVA_HOME"); if [ -n "$v" ] && [ "$v" -ge "$min" ]; then echo "$JAVA_HOME"; return; fi
  fi
  for d in /usr/lib/jvm/* /opt/*jdk* /opt/java/*; do
    [ -d "$d" ] || continue
    v=$(jdk_major "$d")
    if [ -n "$v" ] && [ "$v" -ge "$min" ] && [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(jdk_major "$d"); if [ -n "$v" ] && [ "$v" -ge "$min" ]; then best=$d; fi
  fi
  echo "$best"
}

jdk=$(pick_jdk)
if [ -z "$jdk" ]; then
  cat >&2 <<MSG
mvnw: PyQuest needs a JDK ${min} or newer (Lambda runtime java21), and none was found
      (looked at \$JAVA_HOME, /usr/lib/jvm/*, /opt, and javac on PATH).
      Install one, e.g. on Debian/Ubuntu:  apt-get install -y openjdk-21-jdk-headless
      or Temurin 21 from https://adoptium.net, then set JAVA_HOME to it.
MSG
  exit 1
fi
export JAVA_HOME="$jdk"

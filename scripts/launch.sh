#!/usr/bin/env bash
# Shared by ./ftpserver and ./ftpclient: finds a Java 21+ JDK, builds the module when its jar is missing or
# older than its sources, then runs it with the caller's arguments. Build output goes to a log, never to stdout.
#
#   usage: scripts/launch.sh MODULE MAIN_CLASS [ARGS...]     (MODULE is server or client)
#
# FERRY_JAVA_OPTS adds JVM options, split on whitespace, e.g. FERRY_JAVA_OPTS="-Xmx256m -Dfoo=bar" ./ftpserver

module=$1 main=$2
shift 2
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)   # in a subshell: the caller's cwd stays as it is
jar=$repo/$module/target/ferry-$module.jar

# Feature version of a Java version string: "1.8.0_412" -> 8, "17.0.15" -> 17, "25" -> 25, "21-ea" -> 21.
feature_version() {
    local v=${1#1.}
    echo "${v%%[!0-9]*}"
}

# Feature version of the JDK at $1; fails if $1 is not a JDK (a JRE cannot build).
jdk_version() {
    local home=$1 version
    [[ -n $home && -x $home/bin/java && -x $home/bin/javac ]] || return 1
    if [[ -f $home/release ]] && version=$(grep -m1 '^JAVA_VERSION=' "$home/release"); then
        version=${version#*=}
        version=${version//\"/}
    else
        version=$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
    fi
    version=$(feature_version "$version")
    [[ -n $version ]] && echo "$version"
}

# Home of the `java` on PATH, asked of java itself so symlinks and macOS's /usr/bin/java stub resolve.
path_java_home() {
    command -v java >/dev/null || return 0
    local home
    home=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p')
    echo "${home%/jre}"   # Java 8 reports its jre/ folder
}

# Prints "VERSION HOME": JAVA_HOME or PATH's java if either is 21+, else the newest JDK installed (maybe < 21).
find_jdk() {
    local best=0 best_home='' home version
    for home in "${JAVA_HOME:-}" "$(path_java_home)"; do
        version=$(jdk_version "$home") || continue
        if (( version >= 21 )); then echo "$version $home"; return; fi
        if (( version > best )); then best=$version best_home=$home; fi
    done
    for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home \
            "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* "$HOME"/.gradle/jdks/* "$HOME"/.asdf/installs/java/*; do
        version=$(jdk_version "$home") || continue
        if (( version > best )); then best=$version best_home=$home; fi
    done
    echo "$best $best_home"
}

# True if the jar is missing or any source or POM it is built from is newer.
is_stale() {
    [[ ! -f $jar ]] && return 0
    [[ -n $(find "$repo/common/src/main" "$repo/$module/src/main" "$repo/pom.xml" "$repo/common/pom.xml" \
        "$repo/$module/pom.xml" -newer "$jar" -print -quit 2>/dev/null) ]]
}

build() {
    local log=$repo/target/launcher-build-$module.log
    echo "ferry: building $module (first run takes a minute)..." >&2
    # Never the user's stdin: the build's exec steps (man pages) would read piped answers and commands meant for us.
    if ! (cd "$repo" && JAVA_HOME=$jdk "$repo/mvnw" -q -B -DskipTests -pl "$module" -am package) </dev/null >"$log" 2>&1; then
        echo "ferry: building $module failed; the end of $log:" >&2
        tail -n 40 "$log" >&2
        exit 1
    fi
    touch "$jar"   # Maven may leave an up-to-date jar untouched; without this a touched pom.xml rebuilds every run
}

read -r version jdk < <(find_jdk)
if (( version < 21 )); then
    found=none
    (( version > 0 )) && found="$version at $jdk"
    echo "ferry: needs a Java 21 or newer JDK (found: $found). Install one, e.g." \
        "'sudo apt install openjdk-21-jdk' or from https://adoptium.net, or set JAVA_HOME." >&2
    exit 1
fi

if is_stale; then
    # ftpserver and ftpclient started together on a fresh clone would both build common/: take turns.
    mkdir -p "$repo/target"
    exec 9>"$repo/target/launcher.lock"
    command -v flock >/dev/null && flock 9
    is_stale && build   # the other launcher may have built it while we waited
    exec 9>&-
fi

read -r -a java_opts <<< "${FERRY_JAVA_OPTS:-}"
# Native code: the client's terminal (JLine), the server's page-cache advice for uploads (PageCache). Since Java 24
# that warns unless allowed; Java 17+ know the flag.
java_opts=(--enable-native-access=ALL-UNNAMED "${java_opts[@]}")
exec "$jdk/bin/java" "${java_opts[@]}" -cp "$jar:$repo/$module/target/lib/*" "$main" "$@"

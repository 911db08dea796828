package dev.pyquest.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the host looks like from outside the sandbox: processes of the sandbox uid and fingerprints
 * of host files. Read from /proc and the file system directly, never from anything the box wrote.
 */
final class HostWatch {
    /** The unprivileged uid the box runs as when the JVM is root (SandboxConfig.NOBODY). */
    static final int SANDBOX_UID = 65534;
    private static final long SELF = ProcessHandle.current().pid();
    private static final Pattern RUN_CGROUP = Pattern.compile("/pyquest-(\\d+)-\\d+$");

    private HostWatch() {}

    /** A process as /proc shows it. key() tells apart a pid reused by a later process. */
    record Proc(long pid, long ppid, char state, String startTime, String pidsCgroup, String cmdline) {
        String key() { return pid + "@" + startTime; }

        @Override
        public String toString() {
            return "pid " + pid + " (ppid " + ppid + ", state " + state + ", pids cgroup " + pidsCgroup + "): " + cmdline;
        }
    }

    /**
     * Processes with the sandbox uid (any of real, effective, saved, fs) that belong to this JVM's
     * sandbox runs or to nobody: a process in another JVM's run cgroup ({@code pyquest-<pid>-<n>},
     * named by LocalSandbox) or below another java process is that JVM's business and left out,
     * as are the pids listed in {@code ignore} (found before the suite started).
     */
    static List<Proc> sandboxProcesses(Set<String> ignore) {
        List<Proc> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                long pid = Long.parseLong(name);
                Proc p = read(pid);
                if (p == null || ignore.contains(p.key()) || foreign(p)) continue;
                out.add(p);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Waits up to {@code grace} for every sandbox process of this JVM to be gone (reaped, or at
     * least dead and waiting for the host's init), and for this JVM to have no child process
     * left; returns what is still there after it (empty: nothing left behind).
     */
    static List<String> leftovers(Set<String> ignore, Duration grace) {
        long end = System.nanoTime() + grace.toNanos();
        while (true) {
            List<String> left = new ArrayList<>();
            // Warm boxes started ahead of their job (never given one) are the pool, not leftovers.
            dev.pyquest.sandbox.LocalSandbox.awaitPoolsSettled(Duration.ofSeconds(5));
            // Processes first, idle boxes second: a box still forking shows its new child in both.
            List<Proc> boxUid = sandboxProcesses(ignore);
            List<ProcessHandle> children = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
            Set<Long> idle = new java.util.HashSet<>(dev.pyquest.sandbox.LocalSandbox.idleBoxProcesses());
            idle.addAll(dev.pyquest.sandbox.LocalSandbox.helperProcesses());
            boxUid.stream().filter(p -> !idle.contains(p.pid())).forEach(p -> left.add(p.toString()));
            children.stream().filter(h -> !idle.contains(h.pid()))
                    .forEach(h -> left.add("child of the test JVM: pid " + h.pid() + " " + h.info().commandLine().orElse("?")));
            if (left.isEmpty() || System.nanoTime() > end) return left;
            Api.sleep(50);
        }
    }

    /** The keys of sandbox-uid processes that exist now (before the suite: not ours to judge). */
    static Set<String> snapshot() {
        return sandboxProcesses(Set.of()).stream().map(Proc::key).collect(Collectors.toSet());
    }

    private static Proc read(long pid) {
        try {
            Path dir = Path.of("/proc", Long.toString(pid));
            String status = Files.readString(dir.resolve("status"), StandardCharsets.ISO_8859_1);
            boolean sandboxUid = false;
            long ppid = -1;
            char state = '?';
            for (String line : status.split("\n")) {
                if (line.startsWith("Uid:")) {
                    for (String f : line.substring(4).trim().split("\\s+")) sandboxUid |= f.equals(Integer.toString(SANDBOX_UID));
                } else if (line.startsWith("PPid:")) {
                    ppid = Long.parseLong(line.substring(5).trim());
                } else if (line.startsWith("State:")) {
                    state = line.substring(6).trim().charAt(0);
                }
            }
            if (!sandboxUid) return null;
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            String start = after.length > 19 ? after[19] : "?";
            String cgroup = "";
            for (String line : Files.readAllLines(dir.resolve("cgroup"), StandardCharsets.ISO_8859_1)) {
                String[] f = line.split(":", 3);
                if (f.length == 3 && Set.of(f[1].split(",")).contains("pids")) cgroup = f[2];
            }
            byte[] cmd = Files.readAllBytes(dir.resolve("cmdline"));
            String cmdline = new String(cmd, StandardCharsets.UTF_8).replace('\0', ' ').strip();
            return new Proc(pid, ppid, state, start, cgroup, cmdline.length() > 300 ? cmdline.substring(0, 300) + "..." : cmdline);
        } catch (IOException | RuntimeException e) {
            return null;        // gone while we looked
        }
    }

    private static boolean foreign(Proc p) {
        Matcher m = RUN_CGROUP.matcher(p.pidsCgroup());
        if (m.find()) return Long.parseLong(m.group(1)) != SELF;
        long at = p.ppid();
        for (int i = 0; i < 64 && at > 1; i++) {
            if (at == SELF) return false;
            if (isOtherJava(at)) return true;
            at = parent(at);
        }
        return false;           // an orphan nobody claims: counted as left behind
    }

    private static boolean isOtherJava(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip().equals("java");
        } catch (IOException e) {
            return false;
        }
    }

    private static long parent(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("PPid:")) return Long.parseLong(line.substring(5).trim());
            }
        } catch (IOException | RuntimeException ignored) {
            // gone
        }
        return -1;
    }

    // ------------------------------------------------------------------ files

    /** Everything about a host file a write, a chmod, a replacement or a truncation would change. */
    record FileState(Path path, String sha256, long size, long mtimeMillis, Object fileKey, String perms, String owner) {
        static FileState of(Path p) {
            try {
                PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                byte[] bytes = Files.readAllBytes(p);
                return new FileState(p, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), a.size(),
                        a.lastModifiedTime().toMillis(), a.fileKey(), PosixFilePermissions.toString(a.permissions()),
                        a.owner().getName());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What changed in these files since their snapshot (empty: nothing). */
    static List<String> changes(List<FileState> before) {
        List<String> out = new ArrayList<>();
        for (FileState b : before) {
            if (!Files.exists(b.path(), LinkOption.NOFOLLOW_LINKS)) {
                out.add(b.path() + " is gone");
                continue;
            }
            FileState now = FileState.of(b.path());
            if (!now.equals(b)) out.add(b.path() + " changed: " + b + " -> " + now);
        }
        return out;
    }
}

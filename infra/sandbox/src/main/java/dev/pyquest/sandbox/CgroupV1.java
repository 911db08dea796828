package dev.pyquest.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * cgroup v1 {@code pids} and {@code memory} groups, one pair per run, created as children of the
 * JVM's own groups (so whatever limits the JVM lives under still apply to the box).
 */
final class CgroupV1 {
    private final Path pidsParent;
    private final Path memoryParent;

    private CgroupV1(Path pidsParent, Path memoryParent) {
        this.pidsParent = pidsParent;
        this.memoryParent = memoryParent;
    }

    /** The JVM's pids and memory groups under {@code root}, after checking we can create children there. */
    static CgroupV1 detect(Path root) throws IOException {
        String pidsPath = null;
        String memoryPath = null;
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8)) {
            String[] f = line.split(":", 3);
            if (f.length != 3) continue;
            for (String c : f[1].split(",")) {
                if (c.equals("pids")) pidsPath = f[2];
                if (c.equals("memory")) memoryPath = f[2];
            }
        }
        if (pidsPath == null || memoryPath == null) {
            throw new IOException("no cgroup v1 pids and memory controllers in /proc/self/cgroup (cgroup v2 is not supported)");
        }
        Path pids = root.resolve("pids").resolve(relative(pidsPath));
        Path memory = root.resolve("memory").resolve(relative(memoryPath));
        for (Path p : List.of(pids.resolve("cgroup.procs"), memory.resolve("memory.limit_in_bytes"))) {
            if (!Files.exists(p)) throw new IOException(p + " does not exist");
        }
        CgroupV1 c = new CgroupV1(pids, memory);
        c.removeStale();
        Run probe = c.create("pyquest-probe-" + ProcessHandle.current().pid(), 8, 64L << 20);
        probe.remove();
        return c;
    }

    /** Groups named pyquest-<pid>-<n> whose JVM is gone (it was killed mid-run): empty and remove them. */
    private void removeStale() {
        try (var dirs = Files.list(pidsParent)) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (!name.startsWith("pyquest-") || !Files.isDirectory(dir)) continue;
                String[] parts = name.split("-");
                long owner;
                try {
                    owner = Long.parseLong(parts[parts.length - 2]);
                } catch (RuntimeException e) {
                    continue;
                }
                if (ProcessHandle.of(owner).isPresent()) continue;
                Run stale = new Run(dir, memoryParent.resolve(name));
                stale.killAll(System.nanoTime() + 2_000_000_000L);
                stale.remove();
            }
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static String relative(String path) {
        String p = path;
        while (p.startsWith("/")) p = p.substring(1);
        return p;
    }

    Run create(String name, int pidsMax, long memoryBytes) throws IOException {
        Path pids = pidsParent.resolve(name);
        Path memory = memoryParent.resolve(name);
        Run run = new Run(pids, memory);
        try {
            Files.createDirectory(pids);
            Files.createDirectory(memory);
            write(pids.resolve("pids.max"), Integer.toString(pidsMax));
            write(memory.resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
            Path memsw = memory.resolve("memory.memsw.limit_in_bytes");
            if (Files.exists(memsw)) {
                try {
                    write(memsw, Long.toString(memoryBytes)); // no swapping past the limit
                } catch (IOException ignored) {
                    // swap accounting off: memory.limit_in_bytes alone applies
                }
            }
            return run;
        } catch (IOException e) {
            run.remove();
            throw e;
        }
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    }

    /** One run's groups. */
    static final class Run {
        final Path pids;
        final Path memory;

        Run(Path pids, Path memory) {
            this.pids = pids;
            this.memory = memory;
        }

        Path pidsProcs() {
            return pids.resolve("cgroup.procs");
        }

        Path memoryProcs() {
            return memory.resolve("cgroup.procs");
        }

        List<Long> members() {
            List<Long> out = new ArrayList<>();
            for (Path procs : List.of(pidsProcs(), memoryProcs())) {
                try {
                    for (String s : Files.readAllLines(procs, StandardCharsets.US_ASCII)) {
                        if (!s.isBlank()) out.add(Long.parseLong(s.trim()));
                    }
                } catch (NoSuchFileException ignored) {
                    // already removed
                } catch (IOException | NumberFormatException ignored) {
                    // unreadable: treated as empty; removal then fails and is reported
                }
            }
            return out;
        }

        /** Changes the memory limit (memsw follows, in the order that keeps it at or above the limit). */
        void setMemory(long bytes) throws IOException {
            Path limit = memory.resolve("memory.limit_in_bytes");
            Path memsw = memory.resolve("memory.memsw.limit_in_bytes");
            boolean raise = bytes > Long.parseLong(Files.readString(limit, StandardCharsets.US_ASCII).trim());
            if (raise && Files.exists(memsw)) writeQuietly(memsw, bytes);
            write(limit, Long.toString(bytes));
            if (!raise && Files.exists(memsw)) writeQuietly(memsw, bytes);
        }

        private static void writeQuietly(Path file, long bytes) {
            try {
                write(file, Long.toString(bytes));
            } catch (IOException ignored) {
                // swap accounting off: memory.limit_in_bytes alone applies
            }
        }

        /** SIGKILLs every member until none is left or the deadline passes; true when empty. */
        boolean killAll(long deadlineNanos) {
            while (true) {
                List<Long> members = members();
                if (members.isEmpty()) return true;
                for (long pid : members) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                if (System.nanoTime() > deadlineNanos) return false;
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }

        /** rmdir both groups (they must be empty); true when both are gone. */
        boolean remove() {
            boolean ok = true;
            for (Path dir : List.of(pids, memory)) {
                for (int attempt = 0; ; attempt++) {
                    try {
                        Files.deleteIfExists(dir);
                        break;
                    } catch (IOException e) {
                        if (attempt >= 50) {
                            ok = false;
                            break;
                        }
                        try {
                            Thread.sleep(10);
                        } catch (InterruptedException ie) {
                            Thread.currentThread().interrupt();
                            ok = false;
                            break;
                        }
                    }
                }
            }
            return ok;
        }
    }
}

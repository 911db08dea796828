package dev.pyquest.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link LocalSandbox} builds its box.
 *
 * @param python          the interpreter, run inside the box; must live under {@code /usr} (only /usr is mounted)
 * @param bwrap           bubblewrap
 * @param setpriv         util-linux setpriv, used to drop from root to {@code uid}/{@code gid} before bwrap runs
 * @param uid             the unprivileged uid the box runs as when the JVM is root (otherwise: the JVM's own uid)
 * @param gid             its gid
 * @param tmpSizeMiB      size of the box's private {@code /tmp} (a tmpfs)
 * @param pidsMax         cgroup {@code pids.max} of one run; also the runner's RLIMIT_NPROC for test processes
 * @param maxRunWall      upper bound of one run's wall clock, whatever the job's limits say
 * @param cgroupsRequired fail closed when the cgroups cannot be set up (otherwise: a logged warning)
 * @param maxOutputBytes  most bytes of report read from the runner; more fails the run
 * @param cgroupRoot      where cgroup v1 controllers are mounted ({@code <root>/pids}, {@code <root>/memory})
 * @param warmBoxes       boxes kept started ahead of their job (runner up, waiting for the job on stdin); each
 *                        is used for one run only. 0: every run starts its own box.
 */
public record SandboxConfig(Path python, Path bwrap, Path setpriv, int uid, int gid, int tmpSizeMiB, int pidsMax,
                            Duration maxRunWall, boolean cgroupsRequired, int maxOutputBytes, Path cgroupRoot, int warmBoxes) {

    public static final int NOBODY = 65534;

    public SandboxConfig {
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(bwrap, "bwrap");
        Objects.requireNonNull(setpriv, "setpriv");
        Objects.requireNonNull(maxRunWall, "maxRunWall");
        Objects.requireNonNull(cgroupRoot, "cgroupRoot");
        if (uid <= 0 || gid <= 0) throw new IllegalArgumentException("the box must not run as root (uid/gid 0)");
        if (tmpSizeMiB < 1 || tmpSizeMiB > 4096) throw new IllegalArgumentException("tmpSizeMiB out of [1, 4096]");
        if (pidsMax < 8 || pidsMax > 4096) throw new IllegalArgumentException("pidsMax out of [8, 4096]");
        if (maxRunWall.toMillis() < 1000) throw new IllegalArgumentException("maxRunWall under 1 s");
        if (maxOutputBytes < 64 * 1024) throw new IllegalArgumentException("maxOutputBytes under 64 KiB");
        if (warmBoxes < 0 || warmBoxes > 64) throw new IllegalArgumentException("warmBoxes out of [0, 64]");
    }

    /** /usr/bin/python3, /usr/bin/bwrap, /usr/bin/setpriv, nobody, 16 MiB /tmp, 64 pids, 120 s, 8 MiB of report, 4 warm boxes. */
    public static SandboxConfig defaults() {
        return new SandboxConfig(Path.of("/usr/bin/python3"), Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/setpriv"),
                NOBODY, NOBODY, 16, 64, Duration.ofSeconds(120), false, 8 << 20, Path.of("/sys/fs/cgroup"), 4);
    }

    public SandboxConfig withWarmBoxes(int n) {
        return new SandboxConfig(python, bwrap, setpriv, uid, gid, tmpSizeMiB, pidsMax, maxRunWall, cgroupsRequired, maxOutputBytes, cgroupRoot, n);
    }

    public SandboxConfig withPython(Path p) {
        return new SandboxConfig(p, bwrap, setpriv, uid, gid, tmpSizeMiB, pidsMax, maxRunWall, cgroupsRequired, maxOutputBytes, cgroupRoot, warmBoxes);
    }

    public SandboxConfig withBwrap(Path p) {
        return new SandboxConfig(python, p, setpriv, uid, gid, tmpSizeMiB, pidsMax, maxRunWall, cgroupsRequired, maxOutputBytes, cgroupRoot, warmBoxes);
    }

    public SandboxConfig withUser(int newUid, int newGid) {
        return new SandboxConfig(python, bwrap, setpriv, newUid, newGid, tmpSizeMiB, pidsMax, maxRunWall, cgroupsRequired, maxOutputBytes, cgroupRoot, warmBoxes);
    }

    public SandboxConfig withCgroupsRequired(boolean required) {
        return new SandboxConfig(python, bwrap, setpriv, uid, gid, tmpSizeMiB, pidsMax, maxRunWall, required, maxOutputBytes, cgroupRoot, warmBoxes);
    }

    public SandboxConfig withMaxRunWall(Duration d) {
        return new SandboxConfig(python, bwrap, setpriv, uid, gid, tmpSizeMiB, pidsMax, d, cgroupsRequired, maxOutputBytes, cgroupRoot, warmBoxes);
    }

    public SandboxConfig withMaxOutputBytes(int bytes) {
        return new SandboxConfig(python, bwrap, setpriv, uid, gid, tmpSizeMiB, pidsMax, maxRunWall, cgroupsRequired, bytes, cgroupRoot, warmBoxes);
    }

    public SandboxConfig withCgroupRoot(Path root) {
        return new SandboxConfig(python, bwrap, setpriv, uid, gid, tmpSizeMiB, pidsMax, maxRunWall, cgroupsRequired, maxOutputBytes, root, warmBoxes);
    }
}

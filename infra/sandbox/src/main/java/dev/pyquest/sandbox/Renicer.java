package dev.pyquest.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sets processes' nice for the JVM (which runs as root): a warm box waits at nice 19 and runs its
 * job at {@link LocalSandbox#RUN_NICE}. One long-lived helper, a {@code python3} reading
 * "nice pid pid..." lines from a pipe and calling {@code setpriority}, instead of a
 * {@code /usr/bin/renice} process per warm box (spawning one from the JVM costs ~12 ms, on the path
 * of every run). The helper is the JVM's own child at the JVM's privilege, takes pids only from the
 * JVM, ends when the JVM's end of the pipe closes, and is restarted if it dies. Any failure answers
 * false, and the caller falls back to {@code renice}.
 */
final class Renicer {
    private static final String SCRIPT = String.join("\n",
            "import os, sys",
            "for line in sys.stdin:",
            "    words = line.split()",
            "    for p in words[1:]:",
            "        try:",
            "            os.setpriority(os.PRIO_PROCESS, int(p), int(words[0]))",
            "        except (ProcessLookupError, PermissionError, ValueError):",
            "            pass",
            "    sys.stdout.write('ok\\n')",
            "    sys.stdout.flush()",
            "");

    private static Process helper;
    private static OutputStream toHelper;
    private static BufferedReader fromHelper;

    private Renicer() {}

    /** Sets each of {@code pids} to {@code nice} (gone ones are skipped); false when the helper could not. */
    static synchronized boolean set(Collection<Long> pids, int nice, Path python) {
        try {
            if (helper == null || !helper.isAlive()) start(python);
            String line = nice + " " + pids.stream().map(String::valueOf).collect(Collectors.joining(" ")) + "\n";
            toHelper.write(line.getBytes(StandardCharsets.US_ASCII));
            toHelper.flush();
            return "ok".equals(fromHelper.readLine());
        } catch (IOException | RuntimeException e) {
            stop();
            return false;
        }
    }

    /** The helper's pid, while it runs: a process of the sandbox that exists between runs by design. */
    static synchronized Set<Long> pids() {
        return helper != null && helper.isAlive() ? Set.of(helper.pid()) : Set.of();
    }

    private static void start(Path python) throws IOException {
        stop();
        helper = new ProcessBuilder(python.toString(), "-I", "-S", "-B", "-c", SCRIPT)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        toHelper = helper.getOutputStream();
        fromHelper = new BufferedReader(new InputStreamReader(helper.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static void stop() {
        if (helper == null) return;
        try {
            toHelper.close();
        } catch (IOException ignored) {
            // gone already
        }
        helper.destroy();
        helper = null;
    }
}

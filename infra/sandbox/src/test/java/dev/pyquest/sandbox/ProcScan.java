package dev.pyquest.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The host's view of processes, straight from /proc. */
final class ProcScan {
    record Proc(long pid, int[] uids, String cmdline) {}

    static List<Proc> all() {
        List<Proc> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            for (Path p : s.filter(x -> x.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    int[] uids = null;
                    for (String line : Files.readAllLines(p.resolve("status"))) {
                        if (line.startsWith("Uid:")) {
                            String[] f = line.substring(4).trim().split("\\s+");
                            uids = new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3])};
                        }
                    }
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ').trim();
                    if (uids != null) out.add(new Proc(Long.parseLong(p.getFileName().toString()), uids, cmd));
                } catch (IOException | RuntimeException ignored) {
                    // exited meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static String state(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("State:") || l.startsWith("PPid:") || l.startsWith("NSpid:")).toList().toString();
        } catch (IOException e) {
            return "gone";
        }
    }

    static List<Long> pidsOfUid(int uid) {
        return all().stream().filter(p -> p.uids()[0] == uid || p.uids()[1] == uid).map(Proc::pid).toList();
    }
}

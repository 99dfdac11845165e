package org.sirgiving.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time and resident memory of the local run's processes, from /proc (Linux only): every component with a pid
 * file in {@code $SIR_LOCAL_DIR/pids} (the pid and its direct children, so nginx's workers count for the gateway),
 * all {@code postgres} processes summed, and this load generator itself.
 */
final class ProcStats {
    static final String POSTGRES = "postgresql (all postgres processes)";
    static final String SELF = "load generator (this JVM)";

    private final Path pidsDir;
    final long clockTicks;

    ProcStats(Path pidsDir, long clockTicks) {
        this.pidsDir = pidsDir;
        this.clockTicks = clockTicks <= 0 ? 100 : clockTicks;
    }

    /** Process name → pids (the recorded pid first, then its children). */
    Map<String, List<Long>> processes() {
        Map<Long, List<Long>> children = new HashMap<>();
        List<Long> postgres = new ArrayList<>();
        for (long pid : allPids()) {
            String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = statFields(stat);
            if (f == null) {
                continue;
            }
            // f[0] = state (field 3), f[1] = ppid (field 4)
            children.computeIfAbsent(parseLong(f[1]), k -> new ArrayList<>()).add(pid);
            if ("postgres".equals(comm(stat))) {
                postgres.add(pid);
            }
        }
        Map<String, List<Long>> out = new TreeMap<>();
        if (pidsDir != null && Files.isDirectory(pidsDir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(pidsDir, "*.pid")) {
                for (Path p : ds) {
                    long pid = parseLong(read(p).replaceAll("[^0-9]", ""));
                    if (pid <= 0 || !Files.exists(Path.of("/proc", Long.toString(pid)))) {
                        continue;
                    }
                    List<Long> pids = new ArrayList<>();
                    pids.add(pid);
                    pids.addAll(children.getOrDefault(pid, List.of()));
                    String name = p.getFileName().toString();
                    out.put(name.substring(0, name.length() - ".pid".length()), pids);
                }
            } catch (IOException e) {
                // no pid files: only postgres and this JVM
            }
        }
        Map<String, List<Long>> ordered = new LinkedHashMap<>(out);
        ordered.put(POSTGRES, postgres);
        ordered.put(SELF, List.of(ProcessHandle.current().pid()));
        return ordered;
    }

    /** utime + stime (clock ticks) per process name. */
    Map<String, Long> cpuTicks() {
        Map<String, Long> out = new LinkedHashMap<>();
        processes().forEach((name, pids) -> {
            long sum = 0;
            for (long pid : pids) {
                sum += ticks(read(Path.of("/proc", Long.toString(pid), "stat")));
            }
            out.put(name, sum);
        });
        return out;
    }

    /** VmRSS (KiB) per process name (postgres: the sum, which counts shared buffers once per process). */
    Map<String, Long> rssKib() {
        Map<String, Long> out = new LinkedHashMap<>();
        processes().forEach((name, pids) -> {
            long sum = 0;
            for (long pid : pids) {
                for (String line :
                        read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
                    if (line.startsWith("VmRSS:")) {
                        sum += parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            }
            out.put(name, sum);
        });
        return out;
    }

    /** Fields 14 (utime) + 15 (stime) of a /proc/<pid>/stat line; 0 if unreadable. */
    static long ticks(String stat) {
        String[] f = statFields(stat);
        // f[0] is field 3, so field n is f[n - 3]
        return f == null || f.length < 13 ? 0 : parseLong(f[11]) + parseLong(f[12]);
    }

    /** The fields after "(comm)", which may itself contain spaces and parentheses; null if unreadable. */
    static String[] statFields(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 > stat.length()) {
            return null;
        }
        return stat.substring(close + 2).trim().split("\\s+");
    }

    static String comm(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        return open < 0 || close < open ? "" : stat.substring(open + 1, close);
    }

    private static List<Long> allPids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(n));
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return pids;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

#!/usr/bin/env python3
"""Start-up of the one-message Workload (connect, publish one message, consume it, exit), several
configurations run interleaved, round after round, so that a noisy machine hits them alike.

  smoke-tests/startup-bench.py --rounds=10 --classes=DIR --classpath=FILE \\   # or --spring=JAR
      none  old=-javaagent:/tmp/old.jar  main=-javaagent:/tmp/main.jar \\
      'no-http=-javaagent:/tmp/main.jar -Dwarren.instrumentation.jdk-http.enabled=false'

Each configuration is label=JVM options ("none": no agent); an option +cp:JAR appends JAR to the
Workload's class path (the agent jar, where an AppCDS archive was dumped with it there). Spans go to a stand-in Zipkin in this
process that answers 202 to every export. Reports, per configuration, the median and range of:
wall time spawn to exit, CPU (user + system, from the kernel's accounting of the child), peak
RSS (the kernel's maxrss), and the time from the JVM's start to the Workload's main (mainAtMs,
printed by the Workload itself); with the difference of the medians to the first configuration.
--spring=JAR runs the Spring Boot sample app's bench role (spring-boot-3-app's spring-app.jar) for
one message instead, and reports the time from the JVM's start to its first publish.
"""
import http.server
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time


class Accepting(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def run_once(java, options, app, zipkin):
    # An option "+cp:JAR" appends JAR to the class path (the agent jar, for class-data sharing).
    extra = [o[len("+cp:"):] for o in options if o.startswith("+cp:")]
    options = [o for o in options if not o.startswith("+cp:")]
    if extra:
        app = list(app)
        app[app.index("-cp") + 1] += ":" + ":".join(extra)
    command = [java] + options + ["-Dotel.exporter.zipkin.endpoint=" + zipkin] + app
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate()
    wall = (time.perf_counter() - started) * 1000
    # communicate() reaped it; its rusage is in RUSAGE_CHILDREN, read as a difference by the caller
    if process.returncode != 0:
        raise RuntimeError("%s exited %d: %s" % (command, process.returncode, err.decode()[-2000:]))
    line = [l for l in out.decode().splitlines() if l.startswith("WORKLOAD ")][-1]
    return wall, json.loads(line[len("WORKLOAD "):]), err.decode()


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    opts = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--"))
    rounds = int(opts.get("rounds", "10"))
    java = opts.get("java", "java")
    spring = opts.get("spring")
    if spring:
        # The Spring Boot sample app's bench role: one message, its queue gone when it exits.
        app = ["-jar", spring, "--app.role=bench", "--app.bench-queue=startup-bench-%d" % os.getpid(),
               "--app.count=1", "--app.size=16", "--app.timeout-ms=60000"]
        to_main = "startupMs"
    else:
        classpath = opts["classes"] + ":" + open(opts["classpath"]).read().strip()
        app = ["-cp", classpath, "io.warren.smoketest.bench.Workload", "startup"]
        to_main = "mainAtMs"
    configs = []
    for arg in args:
        label, _, options = arg.partition("=")
        configs.append((label, options.split() if options else []))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Accepting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    zipkin = "http://127.0.0.1:%d/api/v2/spans" % server.server_address[1]
    results = {label: [] for label, _ in configs}
    for warm in configs:  # one unmeasured run each: the page cache, the broker's first connection
        run_once(java, warm[1], app, zipkin)
    for round_ in range(rounds):
        for label, options in configs:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            wall, workload, err = run_once(java, options, app, zipkin)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
            results[label].append({"wall": wall, "cpu": cpu,
                                   "rss": workload["peakRssKiB"] / 1024.0,
                                   "main": workload.get(to_main, -1)})
            if "WARN" in err:
                print("  %s round %d: %s" % (label, round_ + 1, err.strip().splitlines()[0]),
                      file=sys.stderr)
        print("round %d done" % (round_ + 1), file=sys.stderr)
    base = configs[0][0]
    print("| %d interleaved runs | wall, spawn to exit (ms) | CPU (ms) | peak RSS (MiB) | JVM start to %s (ms) |"
          % (rounds, "first publish" if spring else "main"))
    print("|---|---|---|---|---|")
    for label, _ in configs:
        cells = []
        for key, fmt in (("wall", "%.0f"), ("cpu", "%.0f"), ("rss", "%.1f"), ("main", "%.0f")):
            values = [r[key] for r in results[label]]
            med = statistics.median(values)
            cell = (fmt + " (" + fmt + "–" + fmt + ")") % (med, min(values), max(values))
            if label != base:
                diff = med - statistics.median(r[key] for r in results[base])
                cell += (" %+" + fmt[1:]) % diff
            cells.append(cell)
        print("| %s | %s |" % (label, " | ".join(cells)))
    server.shutdown()


if __name__ == "__main__":
    main()

package io.warren.smoketest.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds and starts {@code java [-javaagent:AGENT] -Dk=v... -cp CP MAIN args} (or
 * {@code ... -jar JAR args}, see {@link #jar}) the way a user would run an application with the
 * agent. Output goes to {@code NAME.out} and {@code NAME.err} in the log directory.
 */
public final class AgentJvm {
  private Path java = Jvm.currentJava();
  private Path agentJar;
  private final List<String> options = new ArrayList<>();
  private final Map<String, String> properties = new LinkedHashMap<>();
  private String classpath;
  private boolean quickStart = true;
  private String maxHeap = "256m";
  private String mainClass;
  private Path jar;
  private final List<String> args = new ArrayList<>();
  private Path logDir = Path.of("target", "smoke-logs");
  private String name;

  /** An application run of {@code mainClass}, with no agent until {@link #agent} is called. */
  public static AgentJvm app(String mainClass) {
    AgentJvm jvm = new AgentJvm();
    jvm.mainClass = mainClass;
    jvm.name = mainClass.substring(mainClass.lastIndexOf('.') + 1);
    return jvm;
  }

  /**
   * An application run as {@code java ... -jar JAR args} (an executable jar such as a Spring Boot
   * fat jar), with no agent until {@link #agent} is called; named after the jar's file name.
   */
  public static AgentJvm jar(Path jar) {
    AgentJvm jvm = new AgentJvm();
    jvm.jar = jar.toAbsolutePath();
    String fileName = jar.getFileName().toString();
    jvm.name = fileName.endsWith(".jar") ? fileName.substring(0, fileName.length() - 4) : fileName;
    return jvm;
  }

  public AgentJvm java(Path javaExecutable) {
    this.java = javaExecutable;
    return this;
  }

  /** Attaches the agent jar with {@code -javaagent:}. */
  public AgentJvm agent(Path agentJar) {
    this.agentJar = agentJar;
    return this;
  }

  /** Sets {@code otel.service.name}. */
  public AgentJvm serviceName(String serviceName) {
    return property("otel.service.name", serviceName);
  }

  /** Sets {@code otel.exporter.zipkin.endpoint}. */
  public AgentJvm zipkinEndpoint(String endpoint) {
    return property("otel.exporter.zipkin.endpoint", endpoint);
  }

  /** Adds a JVM option, such as {@code -XX:+DisableAttachMechanism}. */
  public AgentJvm option(String option) {
    options.add(option);
    return this;
  }

  /** Adds {@code -Dkey=value}. */
  public AgentJvm property(String key, String value) {
    properties.put(key, value);
    return this;
  }

  public AgentJvm classpath(String classpath) {
    this.classpath = classpath;
    return this;
  }

  public AgentJvm args(String... values) {
    args.addAll(List.of(values));
    return this;
  }

  public AgentJvm logDir(Path logDir) {
    this.logDir = logDir;
    return this;
  }

  /**
   * Whether to run with C1 only (the default): short test applications start faster, but
   * per-message costs look larger than on a warmed-up JVM, so benchmarks turn it off.
   */
  public AgentJvm quickStart(boolean enabled) {
    this.quickStart = enabled;
    return this;
  }

  /** The heap limit ({@code -Xmx}), 256m unless set; null leaves the JVM's default. */
  public AgentJvm maxHeap(String size) {
    this.maxHeap = size;
    return this;
  }

  /** Names the log files; defaults to the main class's simple name. */
  public AgentJvm name(String name) {
    this.name = name;
    return this;
  }

  /** The full command line. */
  public List<String> command() {
    if (jar == null && classpath == null) {
      throw new IllegalStateException("no class path set");
    }
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    if (maxHeap != null) {
      command.add("-Xmx" + maxHeap);
    }
    if (quickStart) {
      command.add("-XX:TieredStopAtLevel=1");
    }
    command.addAll(options);
    if (agentJar != null) {
      command.add("-javaagent:" + agentJar.toAbsolutePath());
    }
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    if (jar != null) {
      command.add("-jar");
      command.add(jar.toString());
    } else {
      command.add("-cp");
      command.add(classpath);
      command.add(mainClass);
    }
    command.addAll(args);
    return command;
  }

  public Running start() {
    if (agentJar != null && !Files.isRegularFile(agentJar)) {
      throw new IllegalStateException("agent jar not found: " + agentJar.toAbsolutePath()
          + " (build it with: mvn -B -DskipTests package)");
    }
    if (jar != null && !Files.isRegularFile(jar)) {
      throw new IllegalStateException("application jar not found: " + jar
          + " (build it with: mvn -B -DskipTests package)");
    }
    try {
      Files.createDirectories(logDir);
      Path out = logDir.resolve(name + ".out");
      Path err = logDir.resolve(name + ".err");
      List<String> command = command();
      Files.writeString(logDir.resolve(name + ".cmd"), String.join(" ", command) + "\n");
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.redirectOutput(out.toFile());
      builder.redirectError(err.toFile());
      // The agent is configured only by the -D flags above, never by the caller's environment.
      builder.environment().keySet().removeIf(k -> k.startsWith("OTEL_") || k.equals("JAVA_TOOL_OPTIONS"));
      return new Running(name, builder.start(), out, err, command);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + (jar != null ? jar : mainClass), e);
    }
  }

  /** Starts the JVM and waits for it to exit. */
  public Result run(Duration timeout) {
    return start().awaitExit(timeout);
  }

  /** A started JVM. */
  public static final class Running {
    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final List<String> command;
    private final long startNanos = System.nanoTime();

    Running(String name, Process process, Path stdout, Path stderr, List<String> command) {
      this.name = name;
      this.process = process;
      this.stdout = stdout;
      this.stderr = stderr;
      this.command = command;
    }

    /**
     * Waits for the process to exit. If it has not exited within {@code timeout} it is killed and
     * an {@link IllegalStateException} describes it, with the tail of its output.
     */
    public Result awaitExit(Duration timeout) {
      try {
        long remaining = timeout.toNanos() - (System.nanoTime() - startNanos);
        if (!process.waitFor(Math.max(0, remaining), TimeUnit.NANOSECONDS)) {
          process.destroyForcibly().waitFor();
          throw new IllegalStateException(name + " did not exit within " + timeout
              + "\ncommand: " + String.join(" ", command)
              + "\nstdout:\n" + Logs.tail(stdout, 30) + "\nstderr:\n" + Logs.tail(stderr, 30));
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      }
      return new Result(name, process.exitValue(), Duration.ofNanos(System.nanoTime() - startNanos),
          Logs.lines(stdout), Logs.lines(stderr), command);
    }

    /**
     * Waits until the process prints a line to stdout that starts with {@code prefix} and returns
     * it. Fails with the tail of its output if the process exits first or {@code timeout} passes
     * (the process is left running then; {@link #awaitExit} or {@link #kill} ends it).
     */
    public String awaitLine(String prefix, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        boolean exited = !process.isAlive();
        for (String line : Logs.lines(stdout)) {
          if (line.startsWith(prefix)) {
            return line;
          }
        }
        if (exited || System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(name + (exited ? " exited " + process.exitValue()
              + " before printing " : " did not print within " + timeout + " ") + "a line starting "
              + "with '" + prefix + "'\ncommand: " + String.join(" ", command)
              + "\nstdout:\n" + Logs.tail(stdout, 30) + "\nstderr:\n" + Logs.tail(stderr, 30));
        }
        Pause.millis(100);
      }
    }

    /** What the process has printed to stdout so far. */
    public List<String> stdoutLines() {
      return Logs.lines(stdout);
    }

    /** Closes the process's standard input (a lingering sample application then exits). */
    public void endInput() {
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        // already gone
      }
    }

    public boolean isAlive() {
      return process.isAlive();
    }

    public void kill() {
      process.destroyForcibly();
    }

    public long pid() {
      return process.pid();
    }
  }

  /** How a JVM ended: exit code, run time, and everything it printed. */
  public record Result(
      String name,
      int exitCode,
      Duration elapsed,
      List<String> stdout,
      List<String> stderr,
      List<String> command) {

    /** Lines of stdout that start with {@code prefix + " "}, with the prefix removed. */
    public List<String> linesStartingWith(String prefix) {
      return stdout.stream()
          .filter(line -> line.startsWith(prefix + " "))
          .map(line -> line.substring(prefix.length() + 1))
          .toList();
    }

    /** A description for assertion messages. */
    public String describe() {
      return name + " exited " + exitCode + " after " + elapsed.toMillis() + " ms"
          + "\ncommand: " + String.join(" ", command)
          + "\nstdout:\n" + tail(stdout) + "\nstderr:\n" + tail(stderr);
    }

    private static String tail(List<String> lines) {
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
  }
}

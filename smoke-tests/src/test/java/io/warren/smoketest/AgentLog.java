package io.warren.smoketest;

import io.warren.smoketest.harness.AgentJvm;
import java.util.List;

/** What the agent printed to an application's stderr ({@code [warren] ...} lines). */
final class AgentLog {
  private AgentLog() {}

  static List<String> lines(AgentJvm.Result result) {
    return result.stderr().stream().filter(line -> line.startsWith("[warren]")).toList();
  }

  static List<String> warnings(AgentJvm.Result result) {
    return lines(result).stream().filter(line -> line.startsWith("[warren] WARN")).toList();
  }

  static List<String> containing(AgentJvm.Result result, String text) {
    return lines(result).stream().filter(line -> line.contains(text)).toList();
  }

  /** Lines of stdout or stderr that look like a Java exception or stack trace. */
  static List<String> exceptions(AgentJvm.Result result) {
    return java.util.stream.Stream.concat(result.stdout().stream(), result.stderr().stream())
        .filter(line -> !line.startsWith("[warren]"))
        .filter(line -> line.contains("Exception") || line.contains("Error:")
            || line.startsWith("\tat ") || line.startsWith("CONSUMER-EXCEPTION"))
        .toList();
  }
}

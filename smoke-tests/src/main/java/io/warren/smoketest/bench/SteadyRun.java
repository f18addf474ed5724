package io.warren.smoketest.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One JVM run of the steady-state benchmark: its place in the plan and what the workload
 * reported ({@code workload} is null when the run failed; {@code spans} is -1 when Zipkin's count
 * could not be read).
 */
record SteadyRun(int round, int rate, AgentConfig config, int order, JsonNode workload, long spans,
    String failure) {

  boolean ok() {
    return workload != null;
  }

  boolean keptUp() {
    return ok() && workload.path("keptUp").asBoolean();
  }

  double field(String name) {
    return workload.path(name).asDouble();
  }

  String whyVoid() {
    return !ok() ? "failed: " + Report.firstLine(failure)
        : keptUp() ? "" : workload.path("behind").asText();
  }
}

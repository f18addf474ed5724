package io.warren.smoketest.harness;

/** One edge of Zipkin's dependency graph. */
public record DependencyLink(String parent, String child, long callCount, long errorCount) {
  @Override
  public String toString() {
    return parent + " -> " + child + " (" + callCount + " calls, " + errorCount + " errors)";
  }
}

package io.warren.instrumentation.opentelemetryannotations;

import io.warren.agent.api.ModuleInstaller;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.testing.RecordingBackend;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The module installed in this JVM the way premain installs it, before the application's classes
 * load, and the test kit's recording core behind the bridge.
 */
final class AgentInThisJvm {

  static final RecordingBackend BACKEND = new RecordingBackend();
  private static boolean installed;

  private AgentInThisJvm() {}

  static synchronized RecordingBackend install() {
    if (!installed) {
      ModuleInstaller.install(
          ByteBuddyAgent.install(), List.of(new OpenTelemetryAnnotationsInstrumentationModule()));
      installed = true;
    }
    Tracing.install(BACKEND);
    BACKEND.clear();
    return BACKEND;
  }
}

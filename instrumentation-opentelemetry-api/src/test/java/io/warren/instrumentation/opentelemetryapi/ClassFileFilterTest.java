package io.warren.instrumentation.opentelemetryapi;

import io.warren.agent.ClassFileFilterCheck;
import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.ModuleInstaller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's class-file filter lets through every class of the application's
 * OpenTelemetry API this module instruments, on the newest API here and the oldest the bridge
 * supports in the execution oldest-api (the folder of {@code application.api}).
 */
class ClassFileFilterTest {

  @Test
  void everyApiClassTheModuleInstrumentsGetsThroughTheAgentsFilter() throws IOException {
    ClassLoader application = new ApplicationLoader();
    ClassFileFilterCheck.jarOf(application, OpenTelemetryApiInstrumentationModule.GLOBAL_OPEN_TELEMETRY,
        System.getProperty("expected.opentelemetry-api.version"));
    List<Path> jars;
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("application.api")))) {
      jars = files.collect(Collectors.toList());
    }

    // The module's advice needs its helpers in the application's loader, as the agent defines them.
    InstrumentationModule module = ModuleInstaller.withBootAccess(
        ByteBuddyAgent.install(), List.of(new OpenTelemetryApiInstrumentationModule())).get(0);

    ClassFileFilterCheck.inJars(module, application, jars)
        .assertInstrumentsAndLetsThrough(
            OpenTelemetryApiInstrumentationModule.GLOBAL_OPEN_TELEMETRY,
            "io.opentelemetry.context.LazyStorage");
  }
}

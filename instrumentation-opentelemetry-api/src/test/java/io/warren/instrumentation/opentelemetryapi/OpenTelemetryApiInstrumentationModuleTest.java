package io.warren.instrumentation.opentelemetryapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warren.agent.api.InstrumentationModule;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class OpenTelemetryApiInstrumentationModuleTest {

  @Test
  void theAgentFindsTheModuleAndItsSwitchIsNamedAfterTheApi() {
    var names = StreamSupport.stream(ServiceLoader.load(InstrumentationModule.class).spliterator(), false)
        .map(InstrumentationModule::name).collect(Collectors.toList());
    assertEquals(java.util.List.of("opentelemetry-api"), names);
  }

  @Test
  void itWaitsForTheApplicationsApi() {
    assertEquals("io.opentelemetry.api.GlobalOpenTelemetry",
        new OpenTelemetryApiInstrumentationModule().requiredClass());
  }

  /** A helper left out would be missing in the application's loader: NoClassDefFoundError there. */
  @Test
  void everyClassOfTheApplicationPackageIsAHelper() throws Exception {
    String helpers = OpenTelemetryApiInstrumentationModule.class.getPackage().getName() + ".application";
    java.nio.file.Path folder = java.nio.file.Paths.get("target/classes", helpers.replace('.', '/'));
    java.util.List<String> compiled;
    try (var files = java.nio.file.Files.list(folder)) {
      compiled = files.map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".class") && !name.equals("package-info.class"))
          .map(name -> helpers + "." + name.substring(0, name.length() - ".class".length()))
          .sorted().collect(Collectors.toList());
    }
    assertEquals(compiled, new OpenTelemetryApiInstrumentationModule().helperClassNames().stream()
        .sorted().collect(Collectors.toList()));
  }
}

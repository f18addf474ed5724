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
}

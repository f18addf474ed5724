package io.warren.agent.otel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CarrierSetterTest {

  @Test
  void writesTheHeaderKeepingTheOthers() {
    Map<String, Object> headers = new HashMap<>(Map.of("app-header", "kept", "traceparent", "old"));

    CarrierSetter.INSTANCE.set(headers, "traceparent", "new");

    assertEquals(Map.of("app-header", "kept", "traceparent", "new"), headers);
  }

  @Test
  void noHeadersIsNotAnError() {
    assertDoesNotThrow(() -> CarrierSetter.INSTANCE.set(null, "traceparent", "x"));
  }
}

package io.warren.agent.otel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderSetterTest {

  @Test
  void writesTheHeaderKeepingTheOthers() {
    Map<String, Object> headers = new HashMap<>(Map.of("app-header", "kept", "traceparent", "old"));

    HeaderSetter.INSTANCE.set(headers, "traceparent", "new");

    assertEquals(Map.of("app-header", "kept", "traceparent", "new"), headers);
  }

  @Test
  void noHeadersIsNotAnError() {
    assertDoesNotThrow(() -> HeaderSetter.INSTANCE.set(null, "traceparent", "x"));
  }
}

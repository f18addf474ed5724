package io.warren.instrumentation.http.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderCarrierTest {

  @Test
  void namesAreReadWhateverTheirCaseAndRepeatedHeadersAreOneValue() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Traceparent", List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    headers.put("baggage", List.of("a=1", "b=2"));
    headers.put("Empty", List.of());
    Map<String, Object> carrier = HeaderCarrier.of(headers);

    assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", carrier.get("traceparent"));
    assertEquals("a=1,b=2", carrier.get("BAGGAGE"));
    assertNull(carrier.get("empty"));
    assertNull(carrier.get("x-b3-traceid"));
    assertEquals(Map.of("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "baggage", "a=1,b=2"), Map.copyOf(withoutNulls(carrier)));
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> carrier) {
    Map<String, Object> copy = new LinkedHashMap<>();
    carrier.forEach((name, value) -> {
      if (value != null) {
        copy.put(name, value);
      }
    });
    return copy;
  }
}

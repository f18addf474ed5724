package io.warren.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings travel as one agent argument and arrive exactly as they were given. */
class AgentArgumentsTest {

  @Test
  void valuesWithSpacesCommasEqualsAndAnyLetterArriveUnchanged() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("otel.service.name", "order service");
    settings.put("otel.resource.attributes", "team=payments,region=eu-west 1");
    settings.put("warren.messaging.exclude", "audit.*,%literal%,50%");
    settings.put("otel.exporter.zipkin.endpoint", "http://zipkin:9411/api/v2/spans?a=b&c=d");
    settings.put("warren.test.letters", "Zürich 東京 \uD83D\uDC07\ttab");
    settings.put("warren.test.empty", "");
    String encoded = AgentArguments.encode(settings);
    assertEquals(5, encoded.chars().filter(c -> c == ',').count(), encoded);
    assertEquals(settings, AgentArguments.decode(encoded, problem -> {
      throw new AssertionError(problem);
    }));
  }

  @Test
  void theEncodedFormIsPrintableAscii() {
    String encoded = AgentArguments.encode(Map.of("k", "é\n"));
    assertEquals("k=%C3%A9%0A", encoded);
  }

  @Test
  void aHandWrittenJavaagentArgumentReadsAsExpected() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("warren.debug", "true");
    expected.put("otel.service.name", "orders 100%");
    assertEquals(expected, AgentArguments.decode(
        "warren.debug=true,otel.service.name=orders 100%", problem -> {}));
  }

  @Test
  void aPartThatIsNotKeyValueIsReportedAndLeftOut() {
    List<String> problems = new ArrayList<>();
    Map<String, String> settings = AgentArguments.decode("verbose,=x,,warren.debug=true", problems::add);
    assertEquals(Map.of("warren.debug", "true"), settings);
    assertEquals(List.of("agent argument 'verbose' is not key=value; ignored",
        "agent argument '=x' is not key=value; ignored"), problems);
  }

  @Test
  void noArgumentIsNoSettings() {
    assertEquals(Map.of(), AgentArguments.decode(null, problem -> {}));
    assertEquals(Map.of(), AgentArguments.decode(" ", problem -> {}));
    assertEquals("", AgentArguments.encode(Map.of()));
  }
}

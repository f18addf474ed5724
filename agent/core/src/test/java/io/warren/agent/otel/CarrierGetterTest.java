package io.warren.agent.otel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CarrierGetterTest {

  private static final CarrierGetter GETTER = CarrierGetter.INSTANCE;

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodings")
  void readsEveryTextEncodingAsUtf8(String name, Function<String, Object> encode) {
    String text = "tenant=caf\u00e9";

    assertEquals(text, GETTER.get(headers("baggage", encode.apply(text)), "baggage"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodings")
  void valueOfExactlyTheLimitIsRead(String name, Function<String, Object> encode) {
    String text = "x".repeat(CarrierGetter.MAX_VALUE_CHARS);

    assertEquals(text, GETTER.get(headers("baggage", encode.apply(text)), "baggage"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodings")
  void valueOverTheLimitIsIgnored(String name, Function<String, Object> encode) {
    String text = "x".repeat(CarrierGetter.MAX_VALUE_CHARS + 1);

    assertNull(GETTER.get(headers("baggage", encode.apply(text)), "baggage"));
  }

  static Stream<Arguments> encodings() {
    Function<String, Object> string = text -> text;
    Function<String, Object> libraryText = TextValue::new;
    Function<String, Object> bytes = text -> text.getBytes(UTF_8);
    return Stream.of(
        Arguments.of("String", string),
        Arguments.of("a library's text type", libraryText),
        Arguments.of("byte[]", bytes));
  }

  @Test
  void findsAHeaderWhateverItsCase() {
    assertEquals("abc", GETTER.get(headers("x-b3-traceid", "abc"), "X-B3-TraceId"));
    assertEquals("abc", GETTER.get(headers("X-B3-TRACEID", "abc"), "X-B3-TraceId"));
  }

  @Test
  void exactCaseWinsOverAnotherCase() {
    Map<String, Object> headers = new HashMap<>();
    headers.put("x-b3-traceid", "lower");
    headers.put("X-B3-TraceId", "exact");
    headers.put("X-B3-TRACEID", "upper");

    assertEquals("exact", GETTER.get(headers, "X-B3-TraceId"));
  }

  @Test
  void ignoresValuesThatAreNotText() {
    Map<String, Object> headers = new HashMap<>();
    headers.put("map", Map.of("a", "b"));
    headers.put("list", List.of("a"));
    headers.put("number", 42L);
    headers.put("flag", true);

    for (String key : headers.keySet()) {
      assertNull(GETTER.get(headers, key), key);
    }
  }

  @Test
  void missingHeadersAreNull() {
    assertNull(GETTER.get(null, "traceparent"));
    assertNull(GETTER.get(new HashMap<>(), "traceparent"));
    assertNull(GETTER.get(headers("other", "x"), "traceparent"));
    assertNull(GETTER.get(headers("traceparent", "x"), null));
    assertNull(GETTER.get(headers("traceparent", null), "traceparent"));
    assertFalse(GETTER.keys(null).iterator().hasNext());
    assertEquals("traceparent", GETTER.keys(headers("traceparent", "x")).iterator().next());
  }

  private static Map<String, Object> headers(String key, Object value) {
    Map<String, Object> headers = new HashMap<>();
    headers.put(key, value);
    return headers;
  }
}

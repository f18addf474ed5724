package io.warren.instrumentation.http.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlsTest {

  @ParameterizedTest
  @CsvSource({
    "http://shop.example/orders/7, http://shop.example/orders/7",
    "http://shop.example:8080/orders/7?customer=alice&token=s3cret, http://shop.example:8080/orders/7",
    "https://alice:pa55@shop.example/x, https://shop.example/x",
    "https://alice@shop.example, https://shop.example",
    "http://shop.example/a@b, http://shop.example/a@b",
    "http://u:p@h/p?q=1#frag, http://h/p",
    "http://h/p#frag, http://h/p",
    "'http://[::1]:8080/x?y', 'http://[::1]:8080/x'",
    "/relative/path?q=1, /relative/path",
  })
  void userInfoQueryAndFragmentNeverReachASpan(String url, String kept) {
    assertEquals(kept, Urls.redact(url));
  }

  @org.junit.jupiter.api.Test
  void nullStaysNull() {
    assertNull(Urls.redact(null));
  }
}

package io.warren.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SecretsTest {

  @AfterEach
  void clear() {
    System.clearProperty(Secrets.HEADERS);
    System.clearProperty(Secrets.TRACES_HEADERS);
  }

  @Test
  void everyHeaderValueIsMaskedRawAndDecoded() {
    System.setProperty(Secrets.HEADERS, "x-api-key=abc%2Fdef,broken:xyz123");
    System.setProperty(Secrets.TRACES_HEADERS, "authorization=Bearer tok");

    assertEquals("a *** b *** c *** d ***",
        Secrets.redact("a abc%2Fdef b abc/def c broken:xyz123 d Bearer tok"));
  }

  @Test
  void withoutHeadersNothingChanges() {
    assertEquals("Connection refused", Secrets.redact("Connection refused"));
  }
}

package io.warren.instrumentation.springrabbit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class SpringApplicationNameTest {

  @Test
  void commandLineArgumentNamesTheApplication() {
    assertEquals("orders-service", SpringApplicationName.fromCommandLine(
        "/srv/orders.jar --server.port=0 --spring.application.name=orders-service --debug"));
    assertNull(SpringApplicationName.fromCommandLine("/srv/orders.jar --spring.profiles.active=x"));
  }

  @Test
  void nestedYaml() throws IOException {
    assertEquals("billing", yaml(
        "server:\n  port: 8080\nspring:\n  rabbitmq:\n    host: broker\n  application:\n"
            + "    name: billing   # the service\n"));
  }

  @Test
  void dottedAndQuotedYaml() throws IOException {
    assertEquals("billing", yaml("spring.application.name: \"billing\"\n"));
    assertEquals("billing", yaml("spring:\n  application.name: 'billing'\n"));
  }

  @Test
  void aNameUnderAnotherParentIsNotTheApplicationName() throws IOException {
    assertNull(yaml("management:\n  spring:\n    application:\n      name: wrong\n"));
    assertNull(yaml("spring:\n  application:\n    title: x\nother:\n  name: wrong\n"));
  }

  @Test
  void onlyTheFirstDocumentCounts() throws IOException {
    assertEquals("first", yaml(
        "spring:\n  application:\n    name: first\n---\nspring:\n  application:\n    name: second\n"));
  }

  private static String yaml(String text) throws IOException {
    return SpringApplicationName.fromYaml(new BufferedReader(new StringReader(text)));
  }
}

package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.harness.HeadlessChromium;
import org.junit.jupiter.api.Test;

/**
 * What a user sees in Zipkin's UI: headless Chromium loads the page of a trace the packaged agent
 * made across two services and the rendered page lists a span of each. Without Chromium at
 * /usr/bin/chromium (smoke-tests/ensure-chromium.sh installs it) this test fails.
 */
class ZipkinUiIT extends SmokeTestBase {

  @Test
  void tracePageShowsBothServices() {
    ProducerAndConsumer apps = publishToLambdaConsumer("ui", this::withAgent);
    String producer = apps.producer().name();
    String consumer = apps.consumer().name();
    String traceId = zipkinClient().awaitSpans(producer, 1).get(0).traceId();
    String url = zipkin().uiTraceUrl(traceId);

    String page = HeadlessChromium.renderedDom(url, logDir);

    // The UI labels each span row "<service>: <span name>".
    assertAll(url + " as rendered (" + logDir.resolve("chromium-dom.html") + ")",
        () -> assertTrue(page.contains(producer + ": publish"), "no span of " + producer),
        () -> assertTrue(page.contains(consumer + ": process"), "no span of " + consumer));
  }
}

package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.warren.smoketest.apps.ItemSubscriptions;
import io.warren.smoketest.harness.ZipkinSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Zipkin has no resource: the resource attributes the user set are tags on every span. */
class ResourceAttributesIT extends SmokeTestBase {

  @Test
  void deploymentEnvironmentReachesZipkin() {
    String queue = broker.freshQueue("resource");
    String service = "resource-" + id;
    Expect.exitedNormally(withAgent(ItemSubscriptions.class, service)
        .property("otel.resource.attributes", "deployment.environment=staging,team=payments")
        .args("--queue=" + queue, "--count=1", "--id-prefix=res-" + id).run(APP_TIMEOUT));

    List<ZipkinSpan> publishes = zipkinClient().awaitSpans(service, 1);
    assertEquals(1, publishes.size(), () -> Expect.lines(publishes));
    ZipkinSpan publish = publishes.get(0);
    assertAll(Expect.lines(publishes),
        () -> assertEquals("staging", publish.tag("deployment.environment")),
        () -> assertEquals("payments", publish.tag("team")),
        () -> assertNull(publish.tag("service.name"), "the service is the local endpoint"));
  }
}

package io.warren.instrumentation.jdkhttp;

import static io.warren.instrumentation.jdkhttp.JdkHttpClientTest.span;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Spring's RestTemplate and RestClient (Spring 6.2) are traced through the JDK client they send
 * with: RestTemplate's default, {@code HttpURLConnection}; RestClient on {@code
 * java.net.http.HttpClient} (its default when Apache HttpClient is absent).
 */
class SpringClientsTest extends AgentTestBase {

  @Test
  void restTemplateByDefaultSendsThroughHttpUrlConnectionAsOneClientSpan() throws Exception {
    String body = new RestTemplate().getForObject(server.url("/status/200"), String.class);

    assertEquals("status 200", body);
    assertCalledServiceIsChildOfOneClientSpan("GET");
  }

  @Test
  void restClientOnTheJdkClientSendsThroughItAsOneClientSpan() throws Exception {
    RestClient client = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory()).build();

    String body = client.post().uri(server.url("/status/201")).body("order").retrieve().body(String.class);

    assertEquals("status 201", body);
    assertCalledServiceIsChildOfOneClientSpan("POST");
  }

  private static void assertCalledServiceIsChildOfOneClientSpan(String method) throws InterruptedException {
    SpanData clientSpan = span(SpanKind.CLIENT);
    assertEquals(method, clientSpan.getName());
    assertEquals(clientSpan.getSpanId(), span(SpanKind.SERVER).getParentSpanId());
  }
}

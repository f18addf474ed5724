package io.warren.instrumentation.apachehttpclient;

import io.warren.agent.ClassFileFilterCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's class-file filter lets through the class of Apache HttpClient this module
 * instruments, in the version it is tested with (5.5, Spring Boot 3.5's).
 */
class ClassFileFilterTest {

  @Test
  void theProtocolStepOfTheExecutionChainGetsThroughTheAgentsFilter() {
    ClassLoader loader = getClass().getClassLoader();
    Path client = ClassFileFilterCheck.jarOf(
        loader, "org.apache.hc.client5.http.impl.classic.ProtocolExec", "5.5.1");

    ClassFileFilterCheck.inJars(new ApacheHttpClientInstrumentationModule(), loader, List.of(client))
        .assertInstrumentsAndLetsThrough("org.apache.hc.client5.http.impl.classic.ProtocolExec");
  }
}

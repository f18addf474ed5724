package io.warren.instrumentation.jdkhttp;

import io.warren.agent.ClassFileFilterCheck;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's class-file filter lets through every JDK class this module instruments,
 * in each JDK module that holds one, on the JDK the tests run on: the filter names them.
 */
class ClassFileFilterTest {

  @Test
  void theServersFilterChainGetsThroughTheAgentsFilter() {
    ClassFileFilterCheck.inJdk(new JdkHttpInstrumentationModule(), "jdk.httpserver")
        .assertInstrumentsAndLetsThrough("com.sun.net.httpserver.Filter$Chain");
  }

  @Test
  void theHttpClientGetsThroughTheAgentsFilter() {
    ClassFileFilterCheck.inJdk(new JdkHttpInstrumentationModule(), "java.net.http")
        .assertInstrumentsAndLetsThrough("jdk.internal.net.http.HttpClientImpl");
  }

  @Test
  void theUrlConnectionGetsThroughTheAgentsFilter() {
    ClassFileFilterCheck.inJdk(new JdkHttpInstrumentationModule(), "java.base")
        .assertInstrumentsAndLetsThrough("sun.net.www.protocol.http.HttpURLConnection");
  }
}

package io.warren.instrumentation.servlet;

import io.warren.agent.ClassFileFilterCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's class-file filter lets through every servlet and filter class this module
 * instruments in the container it is tested with (Tomcat 10.1, which bundles the Servlet 6.0 API):
 * the filter finds them by the request type their methods take.
 */
class ClassFileFilterTest {

  @Test
  void everyServletAndFilterOfTheContainerGetsThroughTheAgentsFilter() {
    ClassLoader loader = getClass().getClassLoader();
    Path tomcat = ClassFileFilterCheck.jarOf(loader, "org.apache.catalina.startup.Tomcat", "10.1.48");

    ClassFileFilterCheck.inJars(new ServletInstrumentationModule(), loader, List.of(tomcat))
        .assertInstrumentsAndLetsThrough(
            "jakarta.servlet.http.HttpServlet",
            "org.apache.catalina.filters.CorsFilter",
            "jakarta.servlet.http.HttpFilter");
  }
}

package io.warren.instrumentation.springwebmvc;

import io.warren.agent.ClassFileFilterCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's class-file filter lets through the Spring MVC class this module
 * instruments, in the version it is tested with (Spring Framework 6.2, Spring Boot 3.5's).
 */
class ClassFileFilterTest {

  @Test
  void theDispatcherServletGetsThroughTheAgentsFilter() {
    ClassLoader loader = getClass().getClassLoader();
    Path webmvc = ClassFileFilterCheck.jarOf(
        loader, "org.springframework.web.servlet.DispatcherServlet", "6.2.12");

    ClassFileFilterCheck.inJars(new SpringWebMvcInstrumentationModule(), loader, List.of(webmvc))
        .assertInstrumentsAndLetsThrough("org.springframework.web.servlet.DispatcherServlet");
  }
}

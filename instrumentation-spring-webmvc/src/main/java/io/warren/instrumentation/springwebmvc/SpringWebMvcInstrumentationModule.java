package io.warren.instrumentation.springwebmvc;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.MethodAdvice;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Spring MVC: once {@code DispatcherServlet} found the handler of a request, the pattern it
 * matched ({@code /orders/{id}}) is the request's route: the SERVER span of the servlet module is
 * named {@code {method} {route}} and gets {@code http.route}.
 */
public final class SpringWebMvcInstrumentationModule implements InstrumentationModule {

  private static final String DISPATCHER_SERVLET = "org.springframework.web.servlet.DispatcherServlet";

  @Override
  public String name() {
    return "spring-webmvc";
  }

  @Override
  public String requiredClass() {
    return DISPATCHER_SERVLET;
  }

  /** {@code getHandler(HttpServletRequest)}. */
  @Override
  public List<String> referencedTypes() {
    return Collections.singletonList("jakarta/servlet/http/HttpServletRequest");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(
        new TypeInstrumentation() {
          @Override
          public ElementMatcher<TypeDescription> typeMatcher() {
            return named(DISPATCHER_SERVLET);
          }

          @Override
          public List<MethodAdvice> methodAdvice() {
            return Collections.singletonList(new MethodAdvice(
                named("getHandler").and(takesArguments(1)),
                "io.warren.instrumentation.springwebmvc.HandlerFoundAdvice"));
          }
        });
  }
}

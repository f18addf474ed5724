package io.warren.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.failSafe;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.MethodAdvice;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Jakarta Servlet (6.0, 6.1) containers: a SERVER span for each request, started by the outermost
 * {@code Filter.doFilter} or {@code Servlet.service} the container calls and current until it
 * returns, so the application's filters and servlets (Spring's DispatcherServlet among them) run
 * inside it.
 */
public final class ServletInstrumentationModule implements InstrumentationModule {

  private static final String PACKAGE = "io.warren.instrumentation.servlet.";
  private static final String REQUEST = "jakarta.servlet.ServletRequest";
  private static final String RESPONSE = "jakarta.servlet.ServletResponse";

  @Override
  public String name() {
    return "servlet";
  }

  @Override
  public String requiredClass() {
    return "jakarta.servlet.http.HttpServletRequest";
  }

  /** Filters and servlets declare a method taking the request. */
  @Override
  public List<String> referencedTypes() {
    return Collections.singletonList(REQUEST.replace('.', '/'));
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new Implementations("jakarta.servlet.Filter", "doFilter", 3),
        new Implementations("jakarta.servlet.Servlet", "service", 2));
  }

  /** Every implementation of a servlet interface, advised on its request-taking method. */
  private static final class Implementations implements TypeInstrumentation {
    private final String type;
    private final String method;
    private final int arguments;

    Implementations(String type, String method, int arguments) {
      this.type = type;
      this.method = method;
      this.arguments = arguments;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return not(isInterface()).and(failSafe(hasSuperType(named(type))));
    }

    @Override
    public List<MethodAdvice> methodAdvice() {
      return Collections.singletonList(new MethodAdvice(
          not(isAbstract()).and(named(method)).and(takesArguments(arguments))
              .and(takesArgument(0, named(REQUEST))).and(takesArgument(1, named(RESPONSE))),
          PACKAGE + "ServletRequestAdvice"));
    }
  }
}

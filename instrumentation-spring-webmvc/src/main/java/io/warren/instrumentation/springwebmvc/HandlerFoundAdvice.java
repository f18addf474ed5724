package io.warren.instrumentation.springwebmvc;

import io.warren.instrumentation.http.bootstrap.HttpSpans;
import jakarta.servlet.http.HttpServletRequest;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code DispatcherServlet.getHandler}: the handler mapping that matched has left
 * its pattern in the request attribute {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE} (a
 * String, or a PathPattern whose text is the pattern), which becomes the server span's route.
 */
public final class HandlerFoundAdvice {

  private HandlerFoundAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(@Advice.Argument(0) HttpServletRequest request) {
    Object pattern = request.getAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern");
    if (pattern != null) {
      HttpSpans.route(pattern.toString());
    }
  }
}

package io.warren.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A command line that cannot work is one line and an exit code, before any JVM is touched. */
class CommandLineTest {

  @Test
  void settingsAreTheWordsAfterTheTargetInOrder() throws CommandFailure {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("otel.service.name", "order service");
    expected.put("otel.resource.attributes", "a=b,c=d");
    expected.put("warren.messaging.exclude", "");
    assertEquals(expected, CommandLine.settings(List.of("otel.service.name=order service",
        "otel.resource.attributes=a=b,c=d", "warren.messaging.exclude=")));
  }

  @Test
  void aWordThatIsNotASettingIsRefused() {
    assertEquals("'verbose' is not setting=value (such as otel.service.name=orders)",
        refusal(List.of("verbose")));
    assertEquals("'=x' is not setting=value (such as otel.service.name=orders)",
        refusal(List.of("=x")));
    assertTrue(refusal(List.of("otel service=x")).startsWith("'otel service' is not a setting name"));
    assertEquals("warren.debug is given twice",
        refusal(List.of("warren.debug=true", "warren.debug=false")));
  }

  @Test
  void anUnknownCommandIsOneLineAndExitCodeTwo() {
    Run run = run("detach", "123");
    assertEquals(2, run.exitCode);
    assertEquals(List.of("[warren] unknown command 'detach'; java -jar warren-agent.jar attach "
        + "<pid | part of the main class> [setting=value ...]"), run.err);
    assertEquals(List.of(), run.out);
  }

  @Test
  void attachWithoutATargetOrWithABadSettingIsOneLineAndExitCodeTwo() {
    Run noTarget = run("attach");
    assertEquals(2, noTarget.exitCode);
    assertEquals(1, noTarget.err.size(), noTarget.err.toString());
    Run badSetting = run("attach", "123", "warren.debug");
    assertEquals(2, badSetting.exitCode);
    assertEquals(List.of("[warren] 'warren.debug' is not setting=value (such as "
        + "otel.service.name=orders)"), badSetting.err);
  }

  private static String refusal(List<String> words) {
    return assertThrows(CommandFailure.class, () -> CommandLine.settings(words)).getMessage();
  }

  private record Run(int exitCode, List<String> out, List<String> err) {}

  private static Run run(String... arguments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = CommandLine.run(arguments, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8).lines().toList(),
        err.toString(StandardCharsets.UTF_8).lines().toList());
  }
}

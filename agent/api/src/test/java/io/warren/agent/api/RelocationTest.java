package io.warren.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RelocationTest {

  @Test
  void theAgentJarsPrefixIsTakenOffBinaryAndInternalNamesAlike() {
    assertEquals("com.example.Api", Relocation.undone("io.warren.shaded.com.example.Api"));
    assertEquals("com/example/Api", Relocation.undone("io/warren/shaded/com/example/Api"));
  }

  @Test
  void otherNamesAreLeftAsTheyAre() {
    assertEquals("com.example.Api", Relocation.undone("com.example.Api"));
    assertEquals("io.warren.bootstrap.Tracing", Relocation.undone("io.warren.bootstrap.Tracing"));
  }
}

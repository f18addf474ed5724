package io.warren.agent.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Supplier;
import net.bytebuddy.dynamic.ClassFileLocator;

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

  @Test
  void aClassFileWithoutRelocatedNamesIsCopiedByteForByte() throws Exception {
    byte[] classFile = ClassFileLocator.ForClassLoader.read(EveryKindOfConstant.class);
    assertArrayEquals(classFile, Relocation.undoneIn(classFile));
  }

  /** Long and double constants (two pool entries each), a lambda (method handles, indy). */
  static final class EveryKindOfConstant {
    static final long BIG = 1L << 40;
    static final double HALF = 0.5;
    static final float THIRD = 1f / 3;
    static final int MANY = 1 << 20;

    Supplier<String> describe() {
      return () -> BIG + " " + HALF + " " + THIRD + " " + MANY;
    }
  }
}

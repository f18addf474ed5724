package io.warren.agent.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import org.junit.jupiter.api.Test;

class RelocationTest {

  @Test
  void theAgentJarsPrefixIsTakenOffBinaryAndInternalNamesAlike() {
    assertEquals("com.example.Api", Relocation.undone("io.warren.shaded.com.example.Api"));
    assertEquals("com/example/Api", Relocation.undone("io/warren/shaded/com/example/Api"));
  }

  @Test
  void inAClassFileTheLibrariesGetTheirNamesBackButTheAgentsByteBuddyStaysRelocated() {
    ClassWriter writer = new ClassWriter(0);
    writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, "test/Advice", null, "java/lang/Object", null);
    writer.visitField(Opcodes.ACC_STATIC, "library", "Lio/warren/shaded/com/example/Api;", null, null);
    writer.visitField(Opcodes.ACC_STATIC, "annotation",
        "Lio/warren/shaded/net/bytebuddy/asm/Advice$OnMethodExit;", null, null);
    writer.visitField(Opcodes.ACC_STATIC, "name", "Ljava/lang/String;", null,
        "io.warren.shaded.com.example.Api");
    writer.visitEnd();

    List<String> fields = new ArrayList<>();
    new ClassReader(Relocation.undoneIn(writer.toByteArray())).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public FieldVisitor visitField(int access, String name, String descriptor, String signature,
          Object value) {
        fields.add(name + " " + descriptor + (value == null ? "" : " " + value));
        return null;
      }
    }, 0);
    assertEquals(List.of(
        "library Lcom/example/Api;",
        "annotation Lio/warren/shaded/net/bytebuddy/asm/Advice$OnMethodExit;",
        "name Ljava/lang/String; com.example.Api"), fields);
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

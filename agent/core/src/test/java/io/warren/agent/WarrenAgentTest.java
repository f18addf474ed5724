package io.warren.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The entry point loads on any JVM from 8 on and lets only a supported Java start the agent. */
class WarrenAgentTest {

  @Test
  void readsEveryWayJavaNamesItsVersion() {
    assertEquals(8, WarrenAgent.featureVersion("1.8"));
    assertEquals(11, WarrenAgent.featureVersion("11"));
    assertEquals(17, WarrenAgent.featureVersion("17"));
    assertEquals(25, WarrenAgent.featureVersion("25"));
    assertEquals(0, WarrenAgent.featureVersion(null));
    assertEquals(0, WarrenAgent.featureVersion("unknown"));
  }

  @Test
  void onlySeventeenAndNewerStartTheAgent() {
    assertEquals(17, WarrenAgent.SUPPORTED_JAVA);
    for (String older : new String[] {"1.8", "9", "11", "16"}) {
      assertTrue(WarrenAgent.featureVersion(older) < WarrenAgent.SUPPORTED_JAVA, older);
    }
  }

  @Test
  void theEntryClassIsJava8BytecodeAndTheRestIsNot() throws IOException {
    assertEquals(52, majorVersion("WarrenAgent"), "loads on Java 8");
    assertEquals(52, majorVersion("WarrenCommand"), "the jar's Main-Class, too");
    assertEquals(55, majorVersion("AgentStart"), "Java 11, as the rest of the core");
  }

  private static int majorVersion(String simpleName) throws IOException {
    try (InputStream in = WarrenAgentTest.class.getResourceAsStream(simpleName + ".class");
        DataInputStream data = new DataInputStream(in)) {
      data.readInt(); // magic
      data.readUnsignedShort(); // minor
      return data.readUnsignedShort();
    }
  }
}

package io.basis.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code ./basis} launcher's JDK discovery, run as a real process. */
class LauncherTest {
    @TempDir Path jvms;

    @Test
    void withoutAJdk21ItFailsWithOneClearLine() throws Exception {
        fakeJdk("java-17", "17.0.15");
        Result r = run(Map.of("JAVA_HOME", jvms.resolve("java-17").toString()), "run");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err.strip()).doesNotContain("\n").startsWith("basis: no JDK 21 or newer found");
    }

    @Test
    void picksJavaHomeWhenItIs21OrNewerElseTheNewestInstalled() throws Exception {
        fakeJdk("java-17", "17.0.15");
        fakeJdk("jdk-21", "21.0.5");
        fakeJdk("temurin-25", "25.0.3");
        assertThat(run(Map.of("JAVA_HOME", jvms.resolve("jdk-21").toString()), "jdk").out.strip())
                .isEqualTo(jvms.resolve("jdk-21").toString());
        assertThat(run(Map.of("JAVA_HOME", jvms.resolve("java-17").toString()), "jdk").out.strip())
                .isEqualTo(jvms.resolve("temurin-25").toString());
    }

    private void fakeJdk(String name, String version) throws IOException {
        Path bin = Files.createDirectories(jvms.resolve(name).resolve("bin"));
        for (String tool : new String[]{"java", "javac"}) {
            Path p = Files.writeString(bin.resolve(tool), "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(jvms.resolve(name).resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(Map<String, String> env, String... args) throws Exception {
        Path launcher = Path.of("basis").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString());
        pb.command().addAll(java.util.List.of(args));
        pb.environment().putAll(env);
        pb.environment().put("BASIS_JVM_DIR", jvms.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        return new Result(p.waitFor(), out, err);
    }
}

package com.goodtalk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassListTest {

    private static final Set<String> RUNTIME = Set.of("java/lang/Object", "javafx/stage/Stage", "java/util/regex/Pattern");

    @Test
    void runtimeImageLinesDropAppClasses() {
        List<String> lines = List.of(
                "# NOTE: Do not modify this file.",
                "java/lang/Object id: 0",
                "com/goodtalk/desktop/Main",
                "javafx/stage/Stage",
                "picocli/CommandLine");

        assertThat(ClassList.runtimeImageLines(lines, RUNTIME::contains)).containsExactly(
                "# NOTE: Do not modify this file.",
                "java/lang/Object id: 0",
                "javafx/stage/Stage");
    }

    @Test
    void runtimeImageLinesKeepLambdaProxyOfRuntimeClassOnly() {
        String runtimeLambda = "@lambda-proxy java/util/regex/Pattern is (I)Ljava/util/regex/Pattern$BmpCharPredicate;"
                + " (I)Z REF_invokeStatic java/util/regex/Pattern lambda$Single$7 (II)Z (I)Z";
        String appLambda = "@lambda-proxy com/goodtalk/desktop/Main run ()Ljava/lang/Runnable; ()V"
                + " REF_invokeStatic com/goodtalk/desktop/Main lambda$run$0 ()V ()V";
        String invoker = "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L6_L";

        assertThat(ClassList.runtimeImageLines(List.of(runtimeLambda, appLambda, invoker), RUNTIME::contains))
                .containsExactly(runtimeLambda, invoker);
    }

    @Test
    void runtimeImageLinesDropBlankAndUnknownDirectives() {
        List<String> lines = List.of("", "   ", "@future-directive java/lang/Object");

        assertThat(ClassList.runtimeImageLines(lines, RUNTIME::contains)).isEmpty();
    }
}

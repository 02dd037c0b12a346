package com.goodtalk.installer;

import java.util.List;
import java.util.function.Predicate;

/**
 * A class list as {@code -XX:DumpLoadedClassList} writes it: one class name per line in
 * internal form ({@code java/lang/Object}), {@code @lambda-proxy} lines that name the class
 * declaring the lambda, {@code @lambda-form-invoker} lines and {@code #} comments.
 */
final class ClassList {

    private static final String LAMBDA_PROXY = "@lambda-proxy ";

    private ClassList() {
    }

    /**
     * Returns the lines that refer only to classes for which {@code inRuntimeImage} is true,
     * with comments and {@code @lambda-form-invoker} lines (which name only {@code java.base}
     * classes). A class list without the app's own classes makes an archive that any class path
     * can use, because the JVM then records no class path in it.
     */
    static List<String> runtimeImageLines(List<String> lines, Predicate<String> inRuntimeImage) {
        return lines.stream().filter(line -> isKept(line, inRuntimeImage)).toList();
    }

    private static boolean isKept(String line, Predicate<String> inRuntimeImage) {
        if (line.isBlank()) {
            return false;
        }
        if (line.startsWith("#") || line.startsWith("@lambda-form-invoker ")) {
            return true;
        }
        if (line.startsWith(LAMBDA_PROXY)) {
            String rest = line.substring(LAMBDA_PROXY.length()).strip();
            int space = rest.indexOf(' ');
            return inRuntimeImage.test(space < 0 ? rest : rest.substring(0, space));
        }
        if (line.startsWith("@")) {
            // A directive this code does not know: its syntax is unknown, so leave it out.
            return false;
        }
        int space = line.indexOf(' ');
        return inRuntimeImage.test(space < 0 ? line.strip() : line.substring(0, space));
    }
}

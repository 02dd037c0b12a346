package com.goodtalk.server.store;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Provides the two runs of a {@link StoreTest}. The PostgreSQL server starts on first use and is
 * kept in the root extension store, so it starts once per test JVM and stops when the JVM's tests end.
 */
final class StoreBackends implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StoreBackends.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return Stream.of(invocation("sqlite"), invocation("postgresql"));
    }

    private static TestTemplateInvocationContext invocation(String kind) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return kind;
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new BackendResolver(kind));
            }
        };
    }

    /** Creates the backend for one run and puts it in the test's store, which closes it after the test. */
    private record BackendResolver(String kind) implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == StoreBackend.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            try {
                StoreBackend backend = kind.equals("sqlite") ? new SqliteBackend() : new PostgresBackend(sharedServer(context));
                context.getStore(NAMESPACE).put("backend", backend);
                return backend;
            } catch (Exception e) {
                throw new ParameterResolutionException("Could not prepare a " + kind + " database", e);
            }
        }
    }

    /** Returns the PostgreSQL server of this test JVM, starting it on first use. */
    static PostgresServer sharedServer(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("postgres-server", key -> {
            try {
                return new PostgresServer();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Embedded PostgreSQL did not start", e);
            }
        }, PostgresServer.class);
    }
}

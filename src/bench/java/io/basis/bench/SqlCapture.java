package io.basis.bench;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A data source that records the SQL and the parameters of every query run through it, so the benchmark can
 * EXPLAIN exactly the statement the store's query code sent (its SQL is private to it). Records prepared
 * statements' {@code setObject} / {@code set*} parameters and plain statements' {@code executeQuery} text;
 * everything is passed through unchanged.
 */
final class SqlCapture {
    /** One executed query: its SQL text with {@code ?} placeholders and the parameters by position (from 1). */
    record Captured(String sql, List<Object> params) {
    }

    private final List<Captured> captured = new ArrayList<>();

    /** The statements run since the last {@link #clear()}, oldest first. */
    synchronized List<Captured> statements() {
        return List.copyOf(captured);
    }

    synchronized void clear() {
        captured.clear();
    }

    private synchronized void add(Captured c) {
        captured.add(c);
    }

    DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (t, m, args) -> {
            Object r = invoke(t, m, args);
            return r instanceof Connection c ? connection(c) : r;
        });
    }

    private Connection connection(Connection target) {
        return proxy(Connection.class, target, (t, m, args) -> {
            Object r = invoke(t, m, args);
            if (r instanceof PreparedStatement p && m.getName().equals("prepareStatement")) {
                return prepared(p, (String) args[0]);
            }
            if (r instanceof Statement s && m.getName().equals("createStatement")) {
                return statement(s);
            }
            return r;
        });
    }

    private PreparedStatement prepared(PreparedStatement target, String sql) {
        Map<Integer, Object> params = new TreeMap<>();
        return proxy(PreparedStatement.class, target, (t, m, args) -> {
            String name = m.getName();
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer i) {
                params.put(i, args[1]);
            } else if (name.equals("executeQuery") && (args == null || args.length == 0)) {
                add(new Captured(sql, new ArrayList<>(params.values())));
            }
            return invoke(t, m, args);
        });
    }

    private Statement statement(Statement target) {
        return proxy(Statement.class, target, (t, m, args) -> {
            if (m.getName().equals("executeQuery") && args != null && args.length == 1) {
                add(new Captured((String) args[0], List.of()));
            }
            return invoke(t, m, args);
        });
    }

    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        InvocationHandler h = (p, m, args) -> handler.handle(target, m, args);
        return type.cast(Proxy.newProxyInstance(SqlCapture.class.getClassLoader(), new Class<?>[]{type}, h));
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

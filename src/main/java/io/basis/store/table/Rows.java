package io.basis.store.table;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Null-safe column readers shared by the table mappings. */
final class Rows {
    private Rows() {
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static BigDecimal decimal(ResultSet rs, String column) throws SQLException {
        return rs.getBigDecimal(column);
    }

    static Duration seconds(ResultSet rs, String column) throws SQLException {
        int s = rs.getInt(column);
        return rs.wasNull() ? null : Duration.ofSeconds(s);
    }

    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static <E extends Enum<E>> E enumOrNull(ResultSet rs, String column, Class<E> type) throws SQLException {
        String v = rs.getString(column);
        return v == null ? null : Enum.valueOf(type, v);
    }

    static List<BigDecimal> decimals(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        if (a == null) {
            return List.of();
        }
        Object[] values = (Object[]) a.getArray();
        return java.util.Arrays.stream(values).map(v -> (BigDecimal) v).toList();
    }

    static String venue(ResultSet rs) throws SQLException {
        return rs.getString("venue");
    }

    static String symbol(ResultSet rs) throws SQLException {
        return rs.getString("venue_symbol");
    }
}
